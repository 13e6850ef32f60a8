using AutoPR.Build;
using AutoPR.BuildDefinition.Workflows;

namespace AutoPR.BuildDefinition;

// The workflows that keep AWS in step with git (written by GenerateWorkflows with ci.yml and deploy.yml):
//
// infra.yml  a pull request changing infra/, the deploy role's policy (deploy/iam/, which the module reads) or this
//            workflow: terraform fmt and validate, and a plan per environment with the read-only plan role, summary in
//            the step summary. The same change merged to main: fmt and validate, then apply dev, staging, production in
//            that order, each in its GitHub environment (production waits for its reviewers) with that environment's
//            infra role, one apply per environment at a time.
// drift.yml  every morning, and by hand: DeployEcs --dry-run --fail-on-drift per environment; a job fails (exit code 3)
//            when what runs differs from what the repository says, with the diff in its step summary.
[GitHubActionsWorkflow("infra", Name = "Infrastructure",
    OnPushBranches = ["main"],
    On = [GitHubActionsTrigger.PullRequest],
    Paths = ["infra/**", "deploy/iam/**", ".github/workflows/infra.yml"],
    Permissions = ["contents: read"])]
[TerraformCheckJob("infra", "check")]
[InfraPlanJob("infra", "dev", Needs = ["check"])]
[InfraPlanJob("infra", "staging", Needs = ["check"])]
[InfraPlanJob("infra", "production", Needs = ["check"])]
[InfraApplyJob("infra", "dev", Needs = ["check"])]
[InfraApplyJob("infra", "staging", Needs = ["apply-dev"])]
[InfraApplyJob("infra", "production", Needs = ["apply-staging"], Confirm = true)]
// 06:23 UTC: before the working day in Europe, and off the full hour, when GitHub delays scheduled runs most.
[GitHubActionsWorkflow("drift", Name = "Drift",
    OnSchedule = ["23 6 * * *"],
    On = [GitHubActionsTrigger.WorkflowDispatch],
    Permissions = ["contents: read"])]
[DriftJob("drift", "dev")]
[DriftJob("drift", "staging")]
[DriftJob("drift", "production")]
internal sealed partial class Build;
