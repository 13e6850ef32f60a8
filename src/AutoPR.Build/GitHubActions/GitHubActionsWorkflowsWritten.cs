namespace AutoPR.Build;

/// <summary>What <see cref="GitHubActions.WriteWorkflowsAsync"/> did.</summary>
/// <param name="Files">How many workflow files the build declares.</param>
/// <param name="Changes">One line per file written or changed.</param>
/// <param name="UnknownTargets">Targets a workflow runs that the build does not define, one line each.</param>
public sealed record GitHubActionsWorkflowsWritten(int Files, IReadOnlyList<string> Changes, IReadOnlyList<string> UnknownTargets);
