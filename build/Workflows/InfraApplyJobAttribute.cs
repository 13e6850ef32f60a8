using AutoPR.Build;

namespace AutoPR.BuildDefinition.Workflows;

/// <summary>
/// The apply of one environment after a merge: `./build.sh InfraPlan InfraApply` in the GitHub environment of the same
/// name (its reviewers approve production before the job starts), with the environment's infra role (the environment
/// variable AWS_INFRA_ROLE_ARN), never beside another apply of the same environment.
/// </summary>
internal sealed class InfraApplyJobAttribute : GitHubActionsJobAttribute
{
    public InfraApplyJobAttribute(string workflow, string environment)
        : base(workflow, $"apply-{environment}")
    {
        Name = $"Apply {environment}";
        If = "github.event_name == 'push'";
        Environment = environment;
        Permissions = ["id-token: write", "contents: read"];
        // A newer apply waits for the running one; terraform must never be stopped half-way through an apply.
        ConcurrencyGroup = $"infra-{environment}";
        CancelInProgress = false;
        CacheNuGet = true;
        TimeoutMinutes = 60;
        InvokedTargets = ["InfraPlan", "InfraApply"];
        Arguments = $"--environment {environment}";
    }

    /// <summary>Passes --confirm: the approval already happened through the GitHub environment's required reviewers.</summary>
    public bool Confirm
    {
        get;
        init
        {
            field = value;
            Arguments = $"--environment {Environment}" + (value ? " --confirm" : "");
        }
    }

    /// <summary>
    /// Not the deploy role: that one may do exactly what deployments do (deploy/iam/deploy-role-policy.json), while
    /// Terraform creates load balancers, roles and the deploy role itself.
    /// </summary>
    protected override IEnumerable<GitHubActionsStep> GetSetupSteps() =>
    [
        WorkflowSteps.SetupTerraform(),
        WorkflowSteps.AssumeRole("Assume the infra role", "${{ vars.AWS_INFRA_ROLE_ARN }}", $"infra-apply-{Environment}"),
    ];
}
