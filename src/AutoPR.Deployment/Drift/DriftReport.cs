using System.Text;
using AutoPR.Deployment.Diff;
using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Drift;

/// <summary>What a <see cref="DriftChecker"/> found: whether the service exists, and the diffs of what runs against what the repository renders.</summary>
public sealed record DriftReport
{
    /// <summary>The environment name.</summary>
    public required string Environment { get; init; }

    /// <summary>The cluster the environment file names.</summary>
    public required string Cluster { get; init; }

    /// <summary>The service the environment file names.</summary>
    public required string Service { get; init; }

    /// <summary>The revision the service runs; null when the service does not exist.</summary>
    public string? RunningTaskDefinitionArn { get; init; }

    /// <summary>The image that runs, which the repository's templates were rendered with.</summary>
    public string? Image { get; init; }

    /// <summary>Running task definition against the rendered one; null when the service does not exist.</summary>
    public DefinitionDiff? TaskDefinitionDiff { get; init; }

    /// <summary>Running service configuration against the rendered one; null when the service does not exist.</summary>
    public DefinitionDiff? ServiceDiff { get; init; }

    /// <summary>A rollout was in progress: a difference may be that deployment, not drift.</summary>
    public bool DeploymentInProgress { get; init; }

    /// <summary>Whether the service exists (an INACTIVE one does not).</summary>
    public bool ServiceExists => RunningTaskDefinitionArn is not null;

    /// <summary>Whether what runs differs from what the repository says (a missing service does).</summary>
    public bool HasDrift => !ServiceExists || TaskDefinitionDiff!.HasChanges || ServiceDiff!.HasChanges;

    /// <summary>One line: no drift, what drifted, or that the service is missing.</summary>
    public string Summary
    {
        get
        {
            if (!ServiceExists)
            {
                return $"{Environment}: service {Service} does not exist in cluster {Cluster}, so nothing runs that the repository describes; deploy it first (./build.sh DeployEcs --environment {Environment})";
            }

            var revision = TaskDefinitionRegistered.Label(RunningTaskDefinitionArn!);
            if (!HasDrift)
            {
                return $"{Environment}: no drift, service {Service} runs {revision} as the repository says";
            }

            var drifted = new[] { TaskDefinitionDiff!, ServiceDiff! }.Where(d => d.HasChanges).Select(d => d.Subject);
            return $"{Environment}: DRIFT in {string.Join(" and ", drifted)} ({revision} runs){(DeploymentInProgress ? "; a deployment is in progress, which may be the difference" : "")}";
        }
    }

    /// <summary>The summary and, when there is drift, both diffs ("-" what runs, "+" what the repository says).</summary>
    public string ToText()
    {
        var text = new StringBuilder(Summary);
        if (ServiceExists && HasDrift)
        {
            text.Append('\n').Append(TaskDefinitionDiff).Append('\n').Append(ServiceDiff);
        }

        return text.ToString();
    }

    /// <summary>For the CI job summary: a heading, the summary, and the diffs in a fenced diff block.</summary>
    public string ToMarkdown()
    {
        var markdown = new StringBuilder().Append("### Drift check: ").Append(Environment).Append("\n\n").Append(Summary).Append('\n');
        if (ServiceExists && HasDrift)
        {
            var diff = $"{TaskDefinitionDiff}\n{ServiceDiff}";
            // A fence longer than any backtick run inside, so a value cannot end the block early.
            var fence = new string('`', Math.Max(3, LongestBacktickRun(diff) + 1));
            markdown.Append('\n').Append(fence).Append("diff\n").Append(diff).Append('\n').Append(fence).Append('\n');
        }

        return markdown.ToString();
    }

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
