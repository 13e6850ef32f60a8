using AutoPR.Build;
using AutoPR.Deployment.Aws.Credentials;
using AutoPR.Deployment.Infrastructure;
using Serilog;

namespace AutoPR.BuildDefinition;

/// <summary>InfraPlan and InfraApply: the environment's Terraform root under infra/environments/, planned to a file and applied exactly.</summary>
internal sealed partial class Build
{
    /// <summary>The environment's Terraform root module (infra/environments/NAME), or null when it has none (the local stacks).</summary>
    AbsolutePath? TerraformRoot => EnvironmentFile is { } environment && Directory.Exists(RootDirectory / "infra" / "environments" / environment.Name)
        ? RootDirectory / "infra" / "environments" / environment.Name
        : null;

    AbsolutePath TerraformPlanFile => ArtifactsDirectory / "infra" / $"{Environment}.tfplan";

    const string NoTerraformRoot = "this environment has no Terraform root under infra/environments/ (the local stacks are LocalUp's, not Terraform's); pick dev, staging or production";

    Target InfraPlan => _ => _
        .Description("Runs terraform init with the environment's S3 backend, plans to artifacts/infra/<env>.tfplan and prints a summary of the plan (also to the CI step summary).")
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Requires(() => TerraformRoot is not null, NoTerraformRoot)
        .Executes(async ct =>
        {
            // Credentials are checked the way a deployment checks them: one line when they are missing. The environment's
            // Terraform outputs are not read: before the first apply there are none.
            await new AwsCredentialResolver().ResolveAsync(EnvironmentFile!.Aws.Credentials, ct);
            var summary = await Terraform.Find(LibraryLogger("Terraform")).PlanAsync(TerraformRoot!, TerraformPlanFile, ct);
            Log.Information("{Summary}", summary.ToText());
            await GitHubActions.AppendStepSummaryAsync(summary.ToMarkdown(Environment!), ct);
        });

    Target InfraApply => _ => _
        .Description("Applies exactly the plan InfraPlan saved for the environment (a plan that no longer matches is refused, nothing applied); production needs --confirm.")
        .After(InfraPlan)
        .OnlyWhenStatic(() => !DryRun, "--dry-run applies nothing")
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Requires(() => TerraformRoot is not null, NoTerraformRoot)
        .Requires(() => ApprovedOrNotNeeded, ApprovalMessage)
        .Executes(async ct =>
        {
            if (!File.Exists(TerraformPlanFile))
            {
                throw new TargetExitCodeException(ExitCodes.UsageError,
                    $"no saved plan for {Environment} ({TerraformPlanFile.RelativeTo(RootDirectory)}): run ./build.sh InfraPlan --environment {Environment} first, review it, then InfraApply; nothing was applied");
            }

            await new AwsCredentialResolver().ResolveAsync(EnvironmentFile!.Aws.Credentials, ct);
            try
            {
                await Terraform.Find(LibraryLogger("Terraform")).ApplyAsync(TerraformRoot!, TerraformPlanFile, ct);
            }
            catch (TerraformException stale) when (stale.StalePlan)
            {
                throw new TargetExitCodeException(ExitCodes.UsageError, stale.Message);
            }
        });
}
