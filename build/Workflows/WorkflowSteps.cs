using AutoPR.Build;

namespace AutoPR.BuildDefinition.Workflows;

/// <summary>Steps the infra and drift workflows share: Terraform, and an AWS role assumed through OIDC.</summary>
internal static class WorkflowSteps
{
    /// <summary>The Terraform line infra/ is written and tested for (required_version allows 1.11 and later).</summary>
    public const string TerraformVersion = "~1.11.0";

    public static readonly string[] Environments = ["dev", "staging", "production"];

    /// <summary>
    /// Terraform on PATH. Without the wrapper: InfraPlan reads `terraform show -json` from terraform's own stdout, which
    /// the wrapper (a node script re-printing output for step outputs) has no reason to stand between.
    /// </summary>
    public static GitHubActionsStep SetupTerraform() => new()
    {
        Name = "Set up Terraform",
        Uses = "hashicorp/setup-terraform@v3",
        With = [new("terraform_version", TerraformVersion), new("terraform_wrapper", "false")],
    };

    /// <summary>Exchanges the job's OIDC token for <paramref name="roleArn"/> (an expression naming a variable); no stored keys.</summary>
    public static GitHubActionsStep AssumeRole(string name, string roleArn, string sessionName) => new()
    {
        Name = name,
        Uses = "aws-actions/configure-aws-credentials@v4",
        With =
        [
            new("role-to-assume", roleArn),
            new("aws-region", "${{ vars.AWS_REGION }}"),
            new("role-session-name", $"{sessionName}-${{{{ github.run_id }}}}"),
        ],
    };

    /// <summary>
    /// The repository variable holding an environment's read-only plan role (AWS_PLAN_ROLE_ARN_DEV). A repository
    /// variable, not an environment one: plan and drift jobs run outside the GitHub environment, so that production's
    /// reviewers are not asked to approve every pull request's plan and every night's drift check.
    /// </summary>
    public static string PlanRoleVariable(string environment) => $"AWS_PLAN_ROLE_ARN_{environment.ToUpperInvariant()}";
}
