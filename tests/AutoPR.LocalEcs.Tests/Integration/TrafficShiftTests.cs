using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Tests.Support;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>
/// Traffic-shifting deployments through independent clients with real containers: boto3 drives a CANARY deployment
/// with a PAUSE hook (Support/boto3_canary.py) while real requests go through both listeners; the AWS CLI sees
/// LocalEcs refuse what it cannot do.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class TrafficShiftTests
{
    [Fact]
    public async Task Boto3_pauses_a_canary_at_its_hook_continues_it_and_the_listener_splits_real_requests_by_the_canary_weight()
    {
        await using var stack = await LocalEcsStack.StartAsync();

        var seen = await Boto3Script.RunCheckedAsync(
            "boto3_canary.py",
            stack.Server.Endpoint.ToString().TrimEnd('/'), stack.Image, stack.Listener.ToString(), stack.TestListener.ToString(), LocalEcsStack.TargetGroup, LocalEcsStack.AlternateTargetGroup);

        Assert.Equal("ok", seen["operations"]!.GetValue<string>());
        Assert.Equal(["1.0.0"], Versions(seen["pausedProduction"]));
        Assert.Equal(["2.0.0"], Versions(seen["pausedTest"]));
        var canary = seen["canary"]!.AsObject();
        Assert.InRange(canary["2.0.0"]?.GetValue<int>() ?? 0, 15, 25);
        Assert.InRange(canary["1.0.0"]?.GetValue<int>() ?? 0, 75, 85);
        Assert.Equal(["2.0.0"], Versions(seen["after"]));
    }

    [Fact]
    public async Task The_AWS_CLI_gets_UnsupportedFeatureException_for_a_Lambda_hook_and_sees_linear_settings_echoed()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        var aws = new AwsCli(stack.Server.Endpoint);
        await aws.RunAsync("ecs", "create-cluster", "--cluster-name", LocalEcsStack.Cluster);
        await stack.RegisterAsync("1.0.0");

        var lambda = await aws.RunRawAsync(
            "ecs", "create-service", "--cluster", LocalEcsStack.Cluster, "--service-name", "hooked", "--task-definition", "autopr:1", "--desired-count", "0",
            "--deployment-configuration", """{"strategy": "BLUE_GREEN", "bakeTimeInMinutes": 1, "lifecycleHooks": [{"targetType": "AWS_LAMBDA", "hookTargetArn": "arn:aws:lambda:us-east-1:000000000000:function:check", "roleArn": "arn:aws:iam::000000000000:role/hook", "lifecycleStages": ["POST_TEST_TRAFFIC_SHIFT"]}]}""");
        Assert.NotEqual(0, lambda.ExitCode);
        Assert.Contains("UnsupportedFeatureException", lambda.Error, StringComparison.Ordinal);
        Assert.Contains("Use a PAUSE hook locally", lambda.Error, StringComparison.Ordinal);

        var linear = await aws.RunAsync(
            "ecs", "create-service", "--cluster", LocalEcsStack.Cluster, "--service-name", "linear", "--task-definition", "autopr:1", "--desired-count", "0",
            "--deployment-configuration", "strategy=LINEAR,bakeTimeInMinutes=0,linearConfiguration={stepPercent=12.5,stepBakeTimeInMinutes=2}");
        var configuration = linear!["service"]!["deploymentConfiguration"]!;
        Assert.Equal(12.5, configuration["linearConfiguration"]!["stepPercent"]!.GetValue<double>());
        Assert.Equal(2, configuration["linearConfiguration"]!["stepBakeTimeInMinutes"]!.GetValue<int>());
        Assert.Null(configuration["canaryConfiguration"]);
    }

    private static IReadOnlyList<string> Versions(JsonNode? node) => [.. node!.AsArray().Select(v => v!.GetValue<string>())];
}
