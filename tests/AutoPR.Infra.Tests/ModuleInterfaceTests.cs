using AutoPR.Infra.Tests.Support;

namespace AutoPR.Infra.Tests;

/// <summary>
/// The references terraform validate would check if it could run here (it needs the providers): variables, module
/// arguments, outputs. Each check is shown to fail on a copy of the Terraform with one edit.
/// </summary>
public sealed class ModuleInterfaceTests
{
    private const string Alb = TerraformTree.Module + "/alb.tf";
    private const string Service = TerraformTree.Module + "/service.tf";
    private const string Dev = TerraformTree.EnvironmentsFolder + "/dev/main.tf";
    private const string Staging = TerraformTree.EnvironmentsFolder + "/staging/main.tf";
    private const string ProductionOutputs = TerraformTree.EnvironmentsFolder + "/production/outputs.tf";

    [Fact]
    public async Task Every_file_parses_and_every_folder_is_there()
    {
        var tree = await TerraformTree.LoadCurrentAsync();

        Assert.Equal(
            new[] { TerraformTree.EnvironmentsFolder + "/dev", TerraformTree.EnvironmentsFolder + "/production", TerraformTree.EnvironmentsFolder + "/staging", TerraformTree.Module },
            tree.Folders);
        foreach (var concern in new[] { "main", "versions", "variables", "outputs", "ecr", "cluster", "iam", "alb", "security_groups", "ssm", "alarms", "github_oidc", "service" })
        {
            Assert.Contains($"{TerraformTree.Module}/{concern}.tf", tree.Files.Keys);
        }
    }

    [Fact]
    public async Task Every_variable_used_is_declared()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        Assert.Empty(InfraChecks.UndeclaredVariables(tree));

        var broken = await tree.WithEditAsync(Alb, "deregistration_delay = 30", "deregistration_delay = var.deregistration_delay");
        var finding = Assert.Single(InfraChecks.UndeclaredVariables(broken));
        Assert.Contains("var.deregistration_delay", finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_variable_without_a_default_has_a_value_in_every_environment()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        Assert.Empty(InfraChecks.RequiredVariablesWithoutValue(tree));

        var devWithoutCpu = await tree.WithEditAsync(Dev, "  cpu                               = 256\n", string.Empty);
        var finding = Assert.Single(InfraChecks.RequiredVariablesWithoutValue(devWithoutCpu));
        Assert.Contains("dev/main.tf", finding, StringComparison.Ordinal);
        Assert.Contains("\"cpu\"", finding, StringComparison.Ordinal);

        var newRequired = await tree.WithFileAsync(TerraformTree.Module + "/extra.tf", "variable \"dns_zone_id\" {\n  type = string\n}\n");
        Assert.Equal(3, InfraChecks.RequiredVariablesWithoutValue(newRequired).Count(f => f.Contains("dns_zone_id", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_module_argument_is_a_variable_the_module_declares()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        Assert.Empty(InfraChecks.UnknownModuleArguments(tree));

        var broken = await tree.WithEditAsync(Staging, "  desired_count ", "  desired_cuont ");
        var findings = InfraChecks.UnknownModuleArguments(broken);
        Assert.Contains(findings, f => f.Contains("staging/main.tf", StringComparison.Ordinal) && f.Contains("\"desired_cuont\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_service_module_call_passes_only_variables_of_the_pinned_version()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var variables = (await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ecs-service-v6.12.0-variables.txt")))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ignore_task_definition_changes", variables);
        Assert.Empty(InfraChecks.UnknownRegistryModuleArguments(tree, "service", variables));

        var broken = await tree.WithEditAsync(Service, "  health_check_grace_period_seconds  =", "  health_check_grace_seconds         =");
        var finding = Assert.Single(InfraChecks.UnknownRegistryModuleArguments(broken, "service", variables));
        Assert.Contains("health_check_grace_seconds", finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_root_outputs_what_the_module_outputs()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        Assert.Empty(InfraChecks.RootOutputsMissing(tree));

        var missing = await tree.WithEditAsync(ProductionOutputs, "output \"test_listener_rule_arn\" {", "output \"test_rule_arn\" {");
        var findings = InfraChecks.RootOutputsMissing(missing);
        Assert.Contains(findings, f => f.Contains("production", StringComparison.Ordinal) && f.Contains("no output \"test_listener_rule_arn\"", StringComparison.Ordinal));

        var unknown = await tree.WithEditAsync(ProductionOutputs, "module.environment.log_group", "module.environment.log_group_name");
        Assert.Contains(InfraChecks.RootOutputsMissing(unknown), f => f.Contains("module.environment.log_group_name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_roots_pin_versions_and_lock_their_state_in_s3()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        Assert.Empty(InfraChecks.RootSettingsProblems(tree));

        const string versions = TerraformTree.EnvironmentsFolder + "/staging/versions.tf";
        var unlocked = await tree.WithEditAsync(versions, "use_lockfile = true", "use_lockfile = false");
        Assert.Contains(InfraChecks.RootSettingsProblems(unlocked), f => f.Contains("use_lockfile", StringComparison.Ordinal));

        var dynamo = await tree.WithEditAsync(versions, "use_lockfile = true", "use_lockfile = true\n    dynamodb_table = \"locks\"");
        Assert.Contains(InfraChecks.RootSettingsProblems(dynamo), f => f.Contains("DynamoDB", StringComparison.Ordinal));

        var oldProvider = await tree.WithEditAsync(versions, "\"~> 6.28\"", "\">= 5.0\"");
        Assert.Contains(InfraChecks.RootSettingsProblems(oldProvider), f => f.Contains("hashicorp/aws", StringComparison.Ordinal));

        var oneAz = await tree.WithEditAsync(TerraformTree.EnvironmentsFolder + "/production/main.tf", ", \"subnet-0a1b2c3d4e5f60002\"]", "]");
        Assert.Contains(InfraChecks.RootSettingsProblems(oneAz), f => f.Contains("two availability zones", StringComparison.Ordinal));

        var noRoot = tree.Without(TerraformTree.EnvironmentsFolder + "/dev/main.tf").Without(TerraformTree.EnvironmentsFolder + "/dev/versions.tf").Without(TerraformTree.EnvironmentsFolder + "/dev/outputs.tf");
        Assert.Contains(InfraChecks.RootSettingsProblems(noRoot), f => f.Contains("dev: the environment has no root", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_service_module_has_native_blue_green_and_leaves_the_task_definition_to_the_toolkit()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        Assert.Empty(InfraChecks.ServiceModuleProblems(tree));

        var old = await tree.WithEditAsync(Service, "version = \"~> 6.12\"", "version = \"~> 5.0\"");
        Assert.Contains(InfraChecks.ServiceModuleProblems(old), f => f.Contains("~> 5.0", StringComparison.Ordinal));

        var owned = await tree.WithEditAsync(Service, "  ignore_task_definition_changes = true\n", "  ignore_task_definition_changes = false\n");
        Assert.Contains(InfraChecks.ServiceModuleProblems(owned), f => f.Contains("ignore_task_definition_changes", StringComparison.Ordinal));

        var unwatched = await tree.WithEditAsync(Service, "      aws_cloudwatch_metric_alarm.p99_latency.alarm_name,\n", string.Empty);
        Assert.Contains(InfraChecks.ServiceModuleProblems(unwatched), f => f.Contains("aws_cloudwatch_metric_alarm.p99_latency", StringComparison.Ordinal));
    }
}
