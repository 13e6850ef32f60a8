using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.Units;

/// <summary>deploymentConfiguration's strategies, canary/linear settings and lifecycle hooks: ECS's ranges, defaults and echo.</summary>
public sealed class TrafficShiftSettingsTests : IDisposable
{
    private readonly EcsHarness _ecs = new();

    public void Dispose() => _ecs.Dispose();

    [Theory]
    [InlineData("""{"strategy": "CANARY", "canaryConfiguration": {"canaryPercent": 0.0}}""", "deploymentConfiguration.canaryConfiguration.canaryPercent must be a multiple of 0.1 from 0.1 to 100.0 (got 0).")]
    [InlineData("""{"strategy": "CANARY", "canaryConfiguration": {"canaryPercent": 100.1}}""", "canaryConfiguration.canaryPercent must be a multiple of 0.1 from 0.1 to 100.0")]
    [InlineData("""{"strategy": "CANARY", "canaryConfiguration": {"canaryPercent": 5.05}}""", "canaryConfiguration.canaryPercent must be a multiple of 0.1")]
    [InlineData("""{"strategy": "CANARY", "canaryConfiguration": {"canaryBakeTimeInMinutes": 1441}}""", "deploymentConfiguration.canaryConfiguration.canaryBakeTimeInMinutes must be between 0 and 1440 minutes (got 1441).")]
    [InlineData("""{"strategy": "LINEAR", "linearConfiguration": {"stepPercent": 2.9}}""", "deploymentConfiguration.linearConfiguration.stepPercent must be a multiple of 0.1 from 3.0 to 100.0 (got 2.9).")]
    [InlineData("""{"strategy": "LINEAR", "linearConfiguration": {"stepBakeTimeInMinutes": -1}}""", "linearConfiguration.stepBakeTimeInMinutes must be between 0 and 1440 minutes")]
    [InlineData("""{"strategy": "FAST"}""", "deploymentConfiguration.strategy FAST is not a strategy; use ROLLING, BLUE_GREEN, CANARY or LINEAR.")]
    [InlineData("""{"strategy": "BLUE_GREEN", "lifecycleHooks": [{"targetType": "PAUSE"}]}""", "deploymentConfiguration.lifecycleHooks[0].lifecycleStages is required")]
    [InlineData("""{"strategy": "BLUE_GREEN", "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["BAKE_TIME"]}]}""", "BAKE_TIME is not a hookable stage")]
    [InlineData("""{"strategy": "BLUE_GREEN", "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["PRODUCTION_TRAFFIC_SHIFT"]}]}""", "a PAUSE hook cannot run at PRODUCTION_TRAFFIC_SHIFT")]
    [InlineData("""{"strategy": "BLUE_GREEN", "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["POST_SCALE_UP"], "timeoutConfiguration": {"timeoutInMinutes": 0}}]}""", "deploymentConfiguration.lifecycleHooks[0].timeoutConfiguration.timeoutInMinutes must be between 1 and 20160 minutes (got 0).")]
    [InlineData("""{"strategy": "BLUE_GREEN", "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["POST_SCALE_UP"], "timeoutConfiguration": {"timeoutInMinutes": 20161}}]}""", "between 1 and 20160 minutes (got 20161)")]
    [InlineData("""{"strategy": "BLUE_GREEN", "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["POST_SCALE_UP"], "timeoutConfiguration": {"action": "WAIT"}}]}""", "timeoutConfiguration.action must be CONTINUE or ROLLBACK")]
    public async Task Out_of_range_settings_are_refused_with_the_field_and_its_range(string configuration, string message)
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => CreateAsync(configuration));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"targetType": "AWS_LAMBDA", "hookTargetArn": "arn:aws:lambda:us-east-1:000000000000:function:check", "lifecycleStages": ["POST_SCALE_UP"]}""")]
    [InlineData("""{"hookTargetArn": "arn:aws:lambda:us-east-1:000000000000:function:check", "lifecycleStages": ["POST_SCALE_UP"]}""")]
    public async Task Lambda_hooks_are_an_unsupported_feature_that_points_to_pause_hooks(string hook)
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => CreateAsync($$"""{"strategy": "BLUE_GREEN", "lifecycleHooks": [{{hook}}]}"""));

        Assert.Equal("UnsupportedFeatureException", error.Code);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("LocalEcs cannot invoke Lambda functions", error.Message, StringComparison.Ordinal);
        Assert.Contains("Use a PAUSE hook locally", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_strategy_echoes_its_own_settings_with_ECS_defaults_and_the_hooks_survive_a_restart()
    {
        await CreateAsync("""
            {"strategy": "CANARY", "bakeTimeInMinutes": 3, "linearConfiguration": {"stepPercent": 20.0},
             "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["POST_TEST_TRAFFIC_SHIFT"], "hookDetails": {"ticket": "CHG-1"}}]}
            """);

        var canary = await DeploymentConfigurationAsync();
        Assert.Equal(5.0, canary["canaryConfiguration"]!["canaryPercent"]!.GetValue<double>());
        Assert.Equal(10, canary["canaryConfiguration"]!["canaryBakeTimeInMinutes"]!.GetValue<int>());
        Assert.Null(canary["linearConfiguration"]);
        Assert.Equal("CHG-1", canary["lifecycleHooks"]![0]!["hookDetails"]!["ticket"]!.GetValue<string>());
        Assert.Null(canary["lifecycleHooks"]![0]!["timeoutConfiguration"]);

        await EcsHarness.CallAsync(_ecs.Services.UpdateAsync, $$$"""{"cluster": "{{{EcsHarness.Cluster}}}", "service": "{{{EcsHarness.Service}}}", "deploymentConfiguration": {"strategy": "LINEAR"}}""");
        _ecs.Restart();

        var linear = await DeploymentConfigurationAsync();
        Assert.Equal("LINEAR", linear["strategy"]!.GetValue<string>());
        Assert.Equal(20.0, linear["linearConfiguration"]!["stepPercent"]!.GetValue<double>());
        Assert.Equal(6, linear["linearConfiguration"]!["stepBakeTimeInMinutes"]!.GetValue<int>());
        Assert.Null(linear["canaryConfiguration"]);
        Assert.Equal(["POST_TEST_TRAFFIC_SHIFT"], linear["lifecycleHooks"]![0]!["lifecycleStages"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(3, linear["bakeTimeInMinutes"]!.GetValue<int>());
    }

    private async Task CreateAsync(string deploymentConfiguration)
    {
        var v1 = await _ecs.RegisterAsync("app:1");
        await EcsHarness.CallAsync(_ecs.Clusters.CreateClusterAsync, $$"""{"clusterName": "{{EcsHarness.Cluster}}"}""");
        await EcsHarness.CallAsync(_ecs.Services.CreateAsync, $$"""
            {"cluster": "{{EcsHarness.Cluster}}", "serviceName": "{{EcsHarness.Service}}", "taskDefinition": "{{v1}}", "desiredCount": 1,
             "deploymentConfiguration": {{deploymentConfiguration}}}
            """);
    }

    private async Task<JsonNode> DeploymentConfigurationAsync()
    {
        var described = await EcsHarness.CallAsync(_ecs.Services.DescribeAsync, $$"""{"cluster": "{{EcsHarness.Cluster}}", "services": ["{{EcsHarness.Service}}"]}""");
        return described["services"]![0]!["deploymentConfiguration"]!;
    }
}
