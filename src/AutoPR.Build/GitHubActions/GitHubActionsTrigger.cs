namespace AutoPR.Build;

/// <summary>Events that start a workflow without a branch filter (a filter is set with OnPushBranches / OnPullRequestBranches).</summary>
public enum GitHubActionsTrigger
{
    Push,
    PullRequest,
    /// <summary>Started by hand; implied when the workflow has a <see cref="GitHubActionsInputAttribute"/>.</summary>
    WorkflowDispatch,
}
