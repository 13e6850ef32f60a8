namespace AutoPR.Build;

/// <summary>A generated workflow: its file name ("ci.yml"), its text, and the build targets its steps run.</summary>
internal sealed record GitHubActionsWorkflowFile(string FileName, string Text, IReadOnlyList<string> InvokedTargets);
