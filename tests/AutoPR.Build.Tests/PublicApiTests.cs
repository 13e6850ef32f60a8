namespace AutoPR.Build.Tests;

/// <summary>
/// A build author sees only the vocabulary of the README's "Writing targets" section; the planner, the parameter
/// resolver, the runner and the writers stay internal, so they can change without breaking a build definition.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_host_exports_only_what_a_build_author_uses()
    {
        string[] expected =
        [
            "AbsolutePath", "ExitCodes", "GitHubActions", "GitHubActionsInputAttribute", "GitHubActionsJobAttribute",
            "GitHubActionsStep", "GitHubActionsTrigger", "GitHubActionsWorkflowAttribute", "GitHubActionsWorkflowsWritten",
            "ITargetDefinition", "NukeBuild", "ParameterAttribute", "SecretAttribute", "Target", "TargetExitCodeException", "TargetSkippedException",
            "TargetStatus", "Verbosity",
        ];

        var exported = typeof(NukeBuild).Assembly.GetExportedTypes().Select(t => t.Name).Order(StringComparer.Ordinal);

        Assert.Equal(expected, exported);
    }
}
