namespace AutoPR.Build.Tests.GitHubActions;

/// <summary>
/// What infra.yml and drift.yml promise, read from what the real build generates: plans on pull requests outside the
/// GitHub environments, applies on main inside them in the order dev, staging, production, and a read-only drift check.
/// </summary>
public sealed class InfraWorkflowsTests(GeneratedWorkflows generated) : IClassFixture<GeneratedWorkflows>
{
    public static TheoryData<string> Environments => new() { "dev", "staging", "production" };

    [Fact]
    public void Infra_runs_on_changes_to_the_terraform_the_deploy_policy_or_itself()
    {
        var text = Workflow("infra.yml");
        Assert.Contains("  push:\n    branches:\n      - main\n    paths:\n      - infra/**\n      - deploy/iam/**\n      - .github/workflows/infra.yml\n", text, StringComparison.Ordinal);
        Assert.Contains("  pull_request:\n    paths:\n      - infra/**\n", text, StringComparison.Ordinal);
        var check = Job(text, "check");
        Assert.Contains("run: terraform fmt -check -recursive -diff infra", check, StringComparison.Ordinal);
        Assert.Contains("terraform_version: ~1.11.0", check, StringComparison.Ordinal);
        Assert.DoesNotContain("setup-dotnet", check, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Each_root_is_validated_without_a_backend(string environment)
    {
        var check = Job(Workflow("infra.yml"), "check");
        Assert.Contains(
            $"terraform -chdir=infra/environments/{environment} init -backend=false -input=false\n          terraform -chdir=infra/environments/{environment} validate -no-color",
            check,
            StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void A_pull_request_plans_each_environment_with_its_plan_role_outside_the_github_environment(string environment)
    {
        var plan = Job(Workflow("infra.yml"), $"plan-{environment}");
        Assert.Contains("if: github.event_name == 'pull_request'", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("environment:", plan, StringComparison.Ordinal);
        Assert.Contains("id-token: write", plan, StringComparison.Ordinal);
        Assert.Contains($"role-to-assume: ${{{{ vars.AWS_PLAN_ROLE_ARN_{environment.ToUpperInvariant()} }}}}", plan, StringComparison.Ordinal);
        Assert.EndsWith($"- run: ./build.sh InfraPlan --environment {environment}", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev", "check", "")]
    [InlineData("staging", "apply-dev", "")]
    [InlineData("production", "apply-staging", " --confirm")]
    public void A_merge_applies_in_order_each_in_its_environment_one_at_a_time(string environment, string after, string confirm)
    {
        var apply = Job(Workflow("infra.yml"), $"apply-{environment}");
        Assert.Contains("if: github.event_name == 'push'", apply, StringComparison.Ordinal);
        Assert.Contains($"needs:\n      - {after}\n", apply, StringComparison.Ordinal);
        Assert.Contains($"environment: {environment}\n", apply, StringComparison.Ordinal);
        Assert.Contains($"group: infra-{environment}\n      cancel-in-progress: false", apply, StringComparison.Ordinal);
        Assert.Contains("role-to-assume: ${{ vars.AWS_INFRA_ROLE_ARN }}", apply, StringComparison.Ordinal);
        Assert.EndsWith($"- run: ./build.sh InfraPlan InfraApply --environment {environment}{confirm}", apply, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Drift_checks_each_environment_read_only_on_a_schedule(string environment)
    {
        var text = Workflow("drift.yml");
        Assert.Contains("on:\n  schedule:\n    - cron: ", text, StringComparison.Ordinal);
        Assert.Contains("  workflow_dispatch: {}\n", text, StringComparison.Ordinal);
        var drift = Job(text, $"drift-{environment}");
        Assert.DoesNotContain("environment:", drift, StringComparison.Ordinal);
        Assert.Contains($"role-to-assume: ${{{{ vars.AWS_PLAN_ROLE_ARN_{environment.ToUpperInvariant()} }}}}", drift, StringComparison.Ordinal);
        Assert.EndsWith($"- run: ./build.sh DeployEcs --environment {environment} --dry-run --fail-on-drift", drift, StringComparison.Ordinal);
    }

    private string Workflow(string name) => File.ReadAllText(Assert.Single(generated.Files, f => Path.GetFileName(f) == name));

    /// <summary>The lines of one job: from its key to the blank line before the next job (or the end).</summary>
    private static string Job(string workflow, string id)
    {
        var start = workflow.IndexOf($"\n  {id}:\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no job {id}");
        var end = workflow.IndexOf("\n\n", start + 1, StringComparison.Ordinal);
        return workflow[(start + 1)..(end < 0 ? workflow.Length : end)].TrimEnd('\n');
    }
}
