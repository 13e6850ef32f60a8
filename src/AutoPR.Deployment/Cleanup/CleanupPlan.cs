using System.Globalization;
using System.Text;
using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Cleanup;

/// <summary>A revision Cleanup keeps, and why.</summary>
public sealed record KeptRevision(string TaskDefinitionArn, KeepReasons Reasons)
{
    /// <summary>"autopr-staging:42".</summary>
    public string Label => TaskDefinitionRegistered.Label(TaskDefinitionArn);
}

/// <summary>What Cleanup keeps and what it deregisters, decided from one reading of the family, the service, its tasks and the history.</summary>
public sealed record CleanupPlan
{
    /// <summary>The environment name.</summary>
    public required string Environment { get; init; }

    /// <summary>The task-definition family.</summary>
    public required string Family { get; init; }

    /// <summary>How many of the newest revisions are kept whatever they are.</summary>
    public required int Keep { get; init; }

    /// <summary>The ACTIVE revisions kept, newest first, with why.</summary>
    public required IReadOnlyList<KeptRevision> Kept { get; init; }

    /// <summary>The ACTIVE revisions to deregister, newest first.</summary>
    public required IReadOnlyList<string> Deregister { get; init; }

    /// <summary>One line: how many revisions, how many are kept, how many go.</summary>
    public string Summary =>
        $"{Environment}: {Family} has {Count(Kept.Count + Deregister.Count)} active revision(s); keeping {Count(Kept.Count)}, " +
        (Deregister.Count == 0 ? "nothing to deregister" : $"deregistering {Count(Deregister.Count)}") + $" (--keep {Count(Keep)})";

    /// <summary>The summary, each kept revision with why, and each one to deregister ("would deregister" on a dry run).</summary>
    public string ToText(bool dryRun)
    {
        var text = new StringBuilder(Summary).Append('\n');
        foreach (var kept in Kept)
        {
            text.Append("keep ").Append(kept.Label).Append(": ").Append(KeepReasonsText.Describe(kept.Reasons, Keep)).Append('\n');
        }

        foreach (var arn in Deregister)
        {
            text.Append(dryRun ? "would deregister " : "to deregister ").Append(TaskDefinitionRegistered.Label(arn)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What Cleanup did: its plan and the revisions it deregistered (none on a dry run).</summary>
public sealed record CleanupResult(CleanupPlan Plan, IReadOnlyList<string> Deregistered, bool DryRun)
{
    /// <summary>One line.</summary>
    public string Summary => DryRun
        ? $"{Plan.Environment}: dry run: would deregister {Plan.Deregister.Count.ToString(CultureInfo.InvariantCulture)} revision(s) of {Plan.Family}, keep {Plan.Kept.Count.ToString(CultureInfo.InvariantCulture)}; nothing was changed"
        : $"{Plan.Environment}: deregistered {Deregistered.Count.ToString(CultureInfo.InvariantCulture)} revision(s) of {Plan.Family}, kept {Plan.Kept.Count.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Cleanup deregistered a revision (DeregisterTaskDefinition): it can no longer start tasks or services.</summary>
public sealed record TaskDefinitionDeregistered(DateTimeOffset Time, string TaskDefinitionArn) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"deregistered {TaskDefinitionRegistered.Label(TaskDefinitionArn)}";
}

/// <summary>Cleanup decided what to keep and what to deregister (before it deregisters anything).</summary>
public sealed record CleanupPlanned(DateTimeOffset Time, CleanupPlan Plan, bool DryRun) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => Plan.Summary;
}
