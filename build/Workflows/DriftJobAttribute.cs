using AutoPR.Build;

namespace AutoPR.BuildDefinition.Workflows;

/// <summary>
/// The drift check of one environment: `./build.sh DeployEcs --dry-run --fail-on-drift`, which fails (exit code 3)
/// with the diff in the step summary when what runs differs from what the repository says. Read-only, with the
/// environment's plan role, outside the GitHub environment so that no reviewer is asked to approve a nightly check.
/// </summary>
internal sealed class DriftJobAttribute : GitHubActionsJobAttribute
{
    public DriftJobAttribute(string workflow, string environment)
        : base(workflow, $"drift-{environment}")
    {
        EnvironmentName = environment;
        Name = $"Drift in {environment}";
        Permissions = ["id-token: write", "contents: read"];
        CacheNuGet = true;
        TimeoutMinutes = 20;
        InvokedTargets = ["DeployEcs"];
        Arguments = $"--environment {environment} --dry-run --fail-on-drift";
    }

    public string EnvironmentName { get; }

    protected override IEnumerable<GitHubActionsStep> GetSetupSteps() =>
    [
        WorkflowSteps.AssumeRole("Assume the plan role (read-only)", $"${{{{ vars.{WorkflowSteps.PlanRoleVariable(EnvironmentName)} }}}}", $"drift-{EnvironmentName}"),
    ];
}
