using System.Text.Json.Nodes;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Aws;

/// <summary>The deploy role's policy is derived from the clients' operations and the committed file is current.</summary>
public sealed class DeployRolePolicyTests
{
    [Fact]
    public void Every_client_operation_is_allowed_and_nothing_else_but_the_listed_extras()
    {
        var expected = AwsClients.AllOperations.Select(o => o.IamAction).Concat(DeployRolePolicy.ExtraActions.Keys).ToHashSet();

        var allowed = AllowedActions(DeployRolePolicy.Document());

        Assert.Equal(expected.Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal));
        Assert.Contains("ecs:UpdateService", allowed);
        Assert.Contains("ecs:StopServiceDeployment", allowed);
        Assert.Contains("ecr:GetAuthorizationToken", allowed);
        Assert.Contains("logs:GetLogEvents", allowed);
        Assert.Contains("logs:FilterLogEvents", allowed);
        Assert.Contains("logs:DescribeLogStreams", allowed);
        Assert.Contains("rds:CreateDBSnapshot", allowed);
        Assert.Contains("rds:DescribeDBSnapshots", allowed);
        Assert.Contains("rds:AddTagsToResource", allowed);
    }

    [Fact]
    public void The_ci_deploy_role_reads_ssm_parameters_but_cannot_write_or_delete_them()
    {
        var allowed = AllowedActions(DeployRolePolicy.Document());

        Assert.Equal(["ssm:DescribeParameters", "ssm:GetParameter"], allowed.Where(a => a.StartsWith("ssm:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(AutoPR.Deployment.Ssm.SsmOperations.ParameterWrites, o => Assert.DoesNotContain(o.IamAction, allowed));
    }

    [Fact]
    public void The_deploy_role_reads_alarms_but_cannot_make_them()
    {
        var allowed = AllowedActions(DeployRolePolicy.Document());

        Assert.Equal(["cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData"], allowed.Where(a => a.StartsWith("cloudwatch:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(AutoPR.Deployment.Metrics.CloudWatchOperations.PutMetricAlarm.IamAction, allowed);
    }

    [Fact]
    public void The_committed_policy_matches_what_the_build_generates()
    {
        var file = Path.Combine(RepositoryPaths.Root, "deploy", "iam", "deploy-role-policy.json");

        Assert.True(File.Exists(file), $"{file} is missing: run ./build.sh GenerateIamPolicy and commit it.");
        Assert.True(
            File.ReadAllText(file) == DeployRolePolicy.Text(),
            "deploy/iam/deploy-role-policy.json is stale: run ./build.sh GenerateIamPolicy and commit it.");
    }

    [Fact]
    public void PassRole_is_limited_to_handing_roles_to_ECS_tasks()
    {
        var statement = DeployRolePolicy.Document()["Statement"]!.AsArray()
            .Single(s => s!["Action"] is JsonValue v && v.GetValue<string>() == "iam:PassRole")!;

        Assert.Equal("ecs-tasks.amazonaws.com", statement["Condition"]!["StringEquals"]!["iam:PassedToService"]!.GetValue<string>());
    }

    [Fact]
    public void The_terraform_state_is_readable_only_at_the_state_keys_and_nothing_else_in_s3()
    {
        var statements = DeployRolePolicy.Document()["Statement"]!.AsArray();
        var s3 = Assert.Single(statements, s => s!["Action"]!.ToJsonString().Contains("s3:", StringComparison.Ordinal))!;

        Assert.Equal("s3:GetObject", s3["Action"]!.GetValue<string>());
        Assert.Equal("arn:aws:s3:::*/autopr/*/terraform.tfstate", s3["Resource"]!.GetValue<string>());
    }

    private static List<string> AllowedActions(JsonObject policy) =>
        [.. policy["Statement"]!.AsArray().SelectMany(s => s!["Action"] switch
        {
            JsonArray array => array.Select(a => a!.GetValue<string>()),
            var single => [single!.GetValue<string>()],
        })];
}
