using AutoPR.Build;

namespace AutoPR.BuildDefinition.Workflows;

/// <summary>
/// A pull request's plan for one environment: `./build.sh InfraPlan`, whose summary goes to the step summary. It assumes
/// the environment's read-only plan role (<see cref="WorkflowSteps.PlanRoleVariable"/>), whose trust admits pull
/// requests of this repository: it can read the infrastructure and the state, and change nothing but the state lock.
/// </summary>
internal sealed class InfraPlanJobAttribute : GitHubActionsJobAttribute
{
    public InfraPlanJobAttribute(string workflow, string environment)
        : base(workflow, $"plan-{environment}")
    {
        EnvironmentName = environment;
        Name = $"Plan {environment}";
        If = "github.event_name == 'pull_request'";
        Permissions = ["id-token: write", "contents: read"];
        CacheNuGet = true;
        TimeoutMinutes = 30;
        InvokedTargets = ["InfraPlan"];
        Arguments = $"--environment {environment}";
    }

    public string EnvironmentName { get; }

    protected override IEnumerable<GitHubActionsStep> GetSetupSteps() =>
    [
        WorkflowSteps.SetupTerraform(),
        WorkflowSteps.AssumeRole("Assume the plan role", $"${{{{ vars.{WorkflowSteps.PlanRoleVariable(EnvironmentName)} }}}}", $"infra-plan-{EnvironmentName}"),
    ];
}
