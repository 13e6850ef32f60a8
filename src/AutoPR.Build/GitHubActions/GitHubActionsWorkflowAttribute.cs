namespace AutoPR.Build;

/// <summary>
/// Declares a workflow, written to <c>.github/workflows/&lt;id&gt;.yml</c> by <see cref="GitHubActionsGenerator"/>.
/// Its jobs are <see cref="GitHubActionsJobAttribute"/>s naming the same id; its manual inputs are
/// <see cref="GitHubActionsInputAttribute"/>s.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GitHubActionsWorkflowAttribute(string id) : Attribute
{
    /// <summary>The file name without .yml; jobs and inputs refer to the workflow by it.</summary>
    public string Id { get; } = id;

    /// <summary>Shown in the Actions tab; the id when not set.</summary>
    public string? Name { get; set; }

    /// <summary>Events without a branch filter.</summary>
    public GitHubActionsTrigger[] On { get; set; } = [];

    /// <summary>Branch patterns ("main", "feature/**") whose pushes start the workflow.</summary>
    public string[] OnPushBranches { get; set; } = [];

    /// <summary>Target-branch patterns of the pull requests that start the workflow.</summary>
    public string[] OnPullRequestBranches { get; set; } = [];

    /// <summary>
    /// Path patterns ("infra/**"): a push or pull request starts the workflow only when it changes a matching file.
    /// Applies to both events; needs one of them.
    /// </summary>
    public string[] Paths { get; set; } = [];

    /// <summary>Cron expressions in UTC ("17 5 * * 1-5"; five fields) on which the default branch's workflow runs.</summary>
    public string[] OnSchedule { get; set; } = [];

    /// <summary>Token permissions of every job that sets none itself: "contents: read", "id-token: write".</summary>
    public string[] Permissions { get; set; } = [];

    /// <summary>Runs of the workflow with the same group (an expression such as "ci-${{ github.ref }}") run one at a time.</summary>
    public string? ConcurrencyGroup { get; set; }

    /// <summary>A new run in the group cancels the running one (right for checks, wrong for deployments).</summary>
    public bool CancelInProgress { get; set; }
}
