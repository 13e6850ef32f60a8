using AutoPR.Infra.Tests.Support;

namespace AutoPR.Infra.Tests;

/// <summary>The deploy role's policy is the file GenerateIamPolicy writes, and only GitHub jobs of this repository in the environment of the same name may assume it.</summary>
public sealed class DeployRoleTests
{
    private const string Oidc = TerraformTree.Module + "/github_oidc.tf";

    [Fact]
    public async Task The_deploy_role_policy_is_read_from_the_generated_file()
    {
        var tree = await TerraformTree.LoadCurrentAsync();

        Assert.Empty(InfraChecks.DeployRoleProblems(tree));
        Assert.True(File.Exists(Path.Combine(tree.Root, InfraChecks.DeployRolePolicyFile)));
    }

    [Fact]
    public async Task A_policy_written_inline_fails()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var inline = await tree.WithEditAsync(Oidc,
            "policy = file(\"${path.module}/../../../deploy/iam/deploy-role-policy.json\")",
            "policy = jsonencode({ Version = \"2012-10-17\", Statement = [] })");

        Assert.Contains(InfraChecks.DeployRoleProblems(inline), f => f.Contains("expected file(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_copy_of_the_policy_next_to_the_module_fails()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var copy = await tree.WithEditAsync(Oidc, "${path.module}/../../../deploy/iam/deploy-role-policy.json", "${path.module}/deploy-role-policy.json");

        Assert.Contains(InfraChecks.DeployRoleProblems(copy), f => f.Contains("reads infra/modules/environment/deploy-role-policy.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_policy_on_the_deploy_role_fails()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        var more = await tree.WithFileAsync(TerraformTree.Module + "/extra.tf", """
            resource "aws_iam_role_policy_attachment" "deploy_admin" {
              role       = aws_iam_role.deploy.name
              policy_arn = data.aws_iam_policy.admin.arn
            }
            """);

        Assert.Contains(InfraChecks.DeployRoleProblems(more), f => f.Contains("aws_iam_role_policy_attachment.deploy_admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trust_wider_than_one_repository_and_environment_fails()
    {
        var tree = await TerraformTree.LoadCurrentAsync();

        var anyBranch = await tree.WithEditAsync(Oidc, ":environment:${var.environment}", ":*");
        Assert.Contains(InfraChecks.DeployRoleProblems(anyBranch), f => f.Contains("token.actions.githubusercontent.com:sub", StringComparison.Ordinal));

        var like = await tree.WithEditAsync(Oidc, "test     = \"StringEquals\"\n      variable = \"token.actions.githubusercontent.com:sub\"", "test     = \"StringLike\"\n      variable = \"token.actions.githubusercontent.com:sub\"");
        Assert.Contains(InfraChecks.DeployRoleProblems(like), f => f.Contains("StringEquals", StringComparison.Ordinal));
    }
}
