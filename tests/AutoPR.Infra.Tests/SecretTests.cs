using AutoPR.Infra.Tests.Support;

namespace AutoPR.Infra.Tests;

/// <summary>No secret value in infra/: the parameters hold a placeholder Terraform never looks at again, and no output carries a value.</summary>
public sealed class SecretTests
{
    private const string Ssm = TerraformTree.Module + "/ssm.tf";
    private const string Outputs = TerraformTree.Module + "/outputs.tf";

    [Fact]
    public async Task No_secret_value_appears_in_infra()
    {
        var tree = await TerraformTree.LoadCurrentAsync();

        Assert.Empty(InfraChecks.SecretValues(tree));
        Assert.Contains(tree.Blocks(TerraformTree.Module, "resource"), r => r.Address == "aws_ssm_parameter.secret" && r.StringOf("value") == InfraChecks.SsmPlaceholder);
    }

    [Fact]
    public async Task A_real_value_on_a_parameter_fails()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var broken = await tree.WithEditAsync(Ssm, $"value       = \"{InfraChecks.SsmPlaceholder}\"", "value       = \"hunter2\"");

        Assert.Contains(InfraChecks.SecretValues(broken), f => f.Contains("aws_ssm_parameter.secret.value is not the placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_parameter_whose_value_terraform_would_overwrite_fails()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var broken = await tree.WithEditAsync(Ssm, "ignore_changes = [value]", "ignore_changes = [tags]");

        Assert.Contains(InfraChecks.SecretValues(broken), f => f.Contains("ignore_changes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_output_of_a_parameter_value_fails()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var broken = await tree.WithEditAsync(Outputs, "name => parameter.arn }", "name => parameter.value }");

        Assert.Contains(InfraChecks.SecretValues(broken), f => f.Contains("output \"secret_parameter_arns\" reads an SSM parameter's value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sensitive_output_fails()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var broken = await tree.WithEditAsync(Outputs, "  value       = local.account_id\n", "  value       = local.account_id\n  sensitive   = true\n");

        Assert.Contains(InfraChecks.SecretValues(broken), f => f.Contains("output \"account_id\" is sensitive", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("db_password = \"correct-horse-battery\"", "holds a literal")]
    [InlineData("github_token = \"abc\"", "holds a literal")]
    [InlineData("url = \"postgres://autopr:s3cret@db.internal:5432/autopr\"", "looks like a secret")]
    [InlineData("key = \"AKIAIOSFODNN7EXAMPLE\"", "looks like a secret")]
    public async Task A_password_like_literal_fails(string attribute, string expected)
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var broken = await tree.WithFileAsync(TerraformTree.EnvironmentsFolder + "/dev/extra.tf", $"locals {{\n  {attribute}\n}}\n");

        Assert.Contains(InfraChecks.SecretValues(broken), f => f.Contains("dev/extra.tf", StringComparison.Ordinal) && f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reading_a_parameter_into_the_state_fails()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var broken = await tree.WithFileAsync(TerraformTree.Module + "/extra.tf", "data \"aws_ssm_parameter\" \"database_url\" {\n  name = \"/autopr/dev/DATABASE_URL\"\n}\n");

        Assert.Contains(InfraChecks.SecretValues(broken), f => f.Contains("data.aws_ssm_parameter.database_url", StringComparison.Ordinal));
    }
}
