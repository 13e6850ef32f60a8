using AutoPR.Build;

namespace AutoPR.BuildDefinition.Workflows;

/// <summary>
/// The checks that need no AWS account: `terraform fmt -check` over infra/, and init without a backend plus validate of
/// every environment's root (this downloads the providers and registry modules, which GitHub's runners can reach).
/// Plain terraform, no .NET.
/// </summary>
internal sealed class TerraformCheckJobAttribute : GitHubActionsJobAttribute
{
    public TerraformCheckJobAttribute(string workflow, string id)
        : base(workflow, id)
    {
        Name = "Terraform fmt and validate";
        SetupDotNet = false;
        TimeoutMinutes = 15;
    }

    protected override IEnumerable<GitHubActionsStep> GetSetupSteps() => [WorkflowSteps.SetupTerraform()];

    protected override IEnumerable<GitHubActionsStep> GetBuildSteps()
    {
        yield return new() { Name = "terraform fmt", Run = "terraform fmt -check -recursive -diff infra" };
        foreach (var environment in WorkflowSteps.Environments)
        {
            var root = $"infra/environments/{environment}";
            yield return new()
            {
                Name = $"terraform validate ({environment})",
                Run = $"terraform -chdir={root} init -backend=false -input=false\nterraform -chdir={root} validate -no-color\n",
            };
        }
    }
}
