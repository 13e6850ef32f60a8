namespace AutoPR.Build;

/// <summary>
/// A job of a <see cref="GitHubActionsWorkflowAttribute"/>: check out, install .NET (unless off), optionally restore the NuGet cache,
/// run <c>./build.sh &lt;InvokedTargets&gt; &lt;Arguments&gt;</c>, upload artifacts. Derive from it to add steps
/// (<see cref="GetSetupSteps"/>) or replace the build invocation (<see cref="GetBuildSteps"/>), NUKE-style.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public class GitHubActionsJobAttribute(string workflow, string id) : Attribute
{
    /// <summary>The id of the workflow this job belongs to.</summary>
    public string Workflow { get; } = workflow;

    /// <summary>The job id (letters, digits, '-', '_'); other jobs' <see cref="Needs"/> refer to it.</summary>
    public string Id { get; } = id;

    /// <summary>Shown in the Actions tab; the id when not set.</summary>
    public string? Name { get; set; }

    public string RunsOn { get; set; } = "ubuntu-latest";

    /// <summary>The job runs only when this expression is true.</summary>
    public string? If { get; set; }

    /// <summary>Jobs of the same workflow that must succeed first.</summary>
    public string[] Needs { get; set; } = [];

    /// <summary>The GitHub environment the job deploys to: its protection rules (required reviewers) and variables apply.</summary>
    public string? Environment { get; set; }

    /// <summary>Token permissions ("id-token: write"); replaces the workflow's.</summary>
    public string[] Permissions { get; set; } = [];

    /// <summary>Jobs with the same group run one at a time, across runs and workflows.</summary>
    public string? ConcurrencyGroup { get; set; }

    /// <summary>A new job in the group cancels the running one; leave false for deployments.</summary>
    public bool CancelInProgress { get; set; }

    /// <summary>Minutes before GitHub stops the job; 0 leaves GitHub's default (360).</summary>
    public int TimeoutMinutes { get; set; }

    /// <summary>Targets the job's build step runs, in order (use nameof for targets that exist).</summary>
    public string[] InvokedTargets { get; set; } = [];

    /// <summary>Appended to the build command as written, as shell text: "--environment dev".</summary>
    public string? Arguments { get; set; }

    /// <summary>Installs the .NET SDK (global.json) that ./build.sh needs; off for a job of plain scripts, which starts faster.</summary>
    public bool SetupDotNet { get; set; } = true;

    public bool CacheNuGet { get; set; }

    /// <summary>Folders (relative to the repository root) uploaded as artifacts named after their last segment.</summary>
    public string[] UploadArtifacts { get; set; } = [];

    /// <summary>Every step, in order.</summary>
    public IEnumerable<GitHubActionsStep> GetSteps()
    {
        yield return GitHubActionsStep.Checkout();
        if (SetupDotNet)
        {
            yield return GitHubActionsStep.SetupDotNet();
        }

        if (CacheNuGet)
        {
            yield return GitHubActionsStep.CacheNuGet();
        }

        foreach (var step in GetSetupSteps())
        {
            yield return step;
        }

        foreach (var step in GetBuildSteps())
        {
            yield return step;
        }

        foreach (var path in UploadArtifacts)
        {
            yield return GitHubActionsStep.UploadArtifact(path);
        }
    }

    /// <summary>Steps between the .NET set-up and the build (credentials, tools); none by default.</summary>
    protected virtual IEnumerable<GitHubActionsStep> GetSetupSteps() => [];

    /// <summary>
    /// The steps that run the build; by default one running <see cref="InvokedTargets"/> with <see cref="Arguments"/>.
    /// A job may instead run plain scripts (<see cref="GitHubActionsStep.Run"/>), such as a tool's own checks.
    /// </summary>
    protected virtual IEnumerable<GitHubActionsStep> GetBuildSteps() =>
        InvokedTargets.Length == 0 ? [] : [GitHubActionsStep.RunBuild(InvokedTargets, Arguments)];
}
