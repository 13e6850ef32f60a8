using AutoPR.Infra.Tests.Support;

namespace AutoPR.Infra.Tests;

/// <summary>The module holds no account id, ARN, subnet, security group or VPC id: those are the roots' per-environment values.</summary>
public sealed class LiteralTests
{
    private const string Iam = TerraformTree.Module + "/iam.tf";
    private const string Variables = TerraformTree.Module + "/variables.tf";

    [Fact]
    public async Task The_module_holds_no_account_specific_literal()
    {
        var tree = await TerraformTree.LoadCurrentAsync();

        Assert.Empty(InfraChecks.AccountSpecificLiterals(tree));
    }

    [Fact]
    public async Task The_roots_hold_the_per_environment_values()
    {
        // The check looks where the values must not be; this shows it would see them.
        var tree = await TerraformTree.LoadCurrentAsync();
        var dev = tree.Strings(TerraformTree.EnvironmentsFolder + "/dev").Select(s => s.Text).ToList();

        Assert.Contains(dev, s => s.Contains("123456789012", StringComparison.Ordinal));
        Assert.Contains(dev, s => s.StartsWith("subnet-", StringComparison.Ordinal));
        Assert.Contains(dev, s => s.StartsWith("arn:aws:acm:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[local.account_id]", "[\"123456789012\"]", "12-digit account id")]
    [InlineData(":${local.account_id}:parameter", ":123456789012:parameter", "12-digit account id")]
    [InlineData("arn:${local.partition}:ssm:", "arn:aws:ssm:", "ARN literal")]
    public async Task An_account_specific_literal_in_the_module_fails(string find, string replace, string expected)
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var broken = await tree.WithEditAsync(Iam, find, replace);

        Assert.Contains(InfraChecks.AccountSpecificLiterals(broken), f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_subnet_as_a_default_in_the_module_fails()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var broken = await tree.WithEditAsync(Variables,
            "  description = \"Public subnets of the load balancer, in at least two availability zones.\"\n  type        = list(string)\n",
            "  description = \"Public subnets of the load balancer, in at least two availability zones.\"\n  type        = list(string)\n  default     = [\"subnet-0a1b2c3d4e5f60101\", \"subnet-0a1b2c3d4e5f60102\"]\n");

        Assert.Contains(InfraChecks.AccountSpecificLiterals(broken), f => f.Contains("subnet-0a1b2c3d4e5f60101", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_managed_policy_by_literal_arn_fails()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var broken = await tree.WithEditAsync(Iam,
            "policy_arn = data.aws_iam_policy.ecs_infrastructure_load_balancers.arn",
            "policy_arn = \"arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers\"");

        Assert.Contains(InfraChecks.AccountSpecificLiterals(broken), f => f.Contains("ARN literal", StringComparison.Ordinal));
    }
}
