using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.StateMachine;

/// <summary>PAUSE lifecycle hooks: the deployment waits at the stage for ContinueServiceDeployment or the hook's timeout.</summary>
public sealed class LifecycleHookTests : IDisposable
{
    private const string Blue = EcsHarness.TargetGroup;
    private const string Green = EcsHarness.AlternateTargetGroup;
    private readonly EcsHarness _ecs = new();

    public LifecycleHookTests() => _ecs.LoadBalancer.HealthOnRegistration = _ => TargetHealthState.Initial;

    public void Dispose() => _ecs.Dispose();

    [Fact]
    public async Task A_pause_hook_stops_the_deployment_after_the_test_traffic_shift_until_it_is_continued()
    {
        await StableServiceAsync("BLUE_GREEN", """, "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["POST_TEST_TRAFFIC_SHIFT"]}]""");
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].LifecycleStage == LifecycleStages.PostTestTrafficShift, each: Promote);
        var pausedAt = _ecs.Time.GetUtcNow();
        for (var i = 0; i < 30; i++)
        {
            await _ecs.StepAsync();
        }

        var paused = await DescribeLatestAsync();
        Assert.Equal("IN_PROGRESS", paused["status"]!.GetValue<string>());
        Assert.Equal("POST_TEST_TRAFFIC_SHIFT", paused["lifecycleStage"]!.GetValue<string>());
        var hook = Assert.Single(paused["lifecycleHookDetails"]!.AsArray())!;
        Assert.Equal("PAUSE", hook["targetType"]!.GetValue<string>());
        Assert.Equal("AWAITING_ACTION", hook["status"]!.GetValue<string>());
        Assert.Equal("ROLLBACK", hook["timeoutAction"]!.GetValue<string>());
        Assert.Equal(pausedAt + TimeSpan.FromMinutes(1440), AwsTime.Parse(hook["expiresAt"]));
        Assert.Null(hook["targetArn"]);
        var hookId = hook["hookId"]!.GetValue<string>();
        Assert.Matches("^ecs-pause-[A-Za-z0-9_-]{43}$", hookId);
        Assert.Equal(Blue, (await _ecs.ServiceAsync()).ProductionTargetGroupArn);
        Assert.Equal(Green, _ecs.LoadBalancer.Listeners.Single(l => l.IsTest).Route.TargetGroupArn);
        Assert.Contains((await _ecs.ServiceAsync()).Events, e => e.Message.Contains($"paused at POST_TEST_TRAFFIC_SHIFT: lifecycle hook {hookId} awaits ContinueServiceDeployment", StringComparison.Ordinal));

        var arn = paused["serviceDeploymentArn"]!.GetValue<string>();
        await ContinueAsync(arn, hookId, "CONTINUE");
        var again = await Assert.ThrowsAsync<AwsServiceException>(() => ContinueAsync(arn, hookId, "CONTINUE"));
        Assert.Equal("InvalidParameterException", again.Code);
        Assert.Contains($"Lifecycle hook {hookId} is SUCCEEDED, not AWAITING_ACTION; no lifecycle hook of this service deployment awaits action.", again.Message, StringComparison.Ordinal);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);

        var done = await DescribeLatestAsync();
        Assert.Equal("SUCCESSFUL", done["status"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", done["lifecycleHookDetails"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(Green, (await _ecs.ServiceAsync()).ProductionTargetGroupArn);
    }

    [Fact]
    public async Task A_pause_before_each_production_step_that_is_answered_with_rollback_sends_all_traffic_back_to_blue_at_once()
    {
        var v1 = await StableServiceAsync("CANARY", """
            , "canaryConfiguration": {"canaryPercent": 10.0, "canaryBakeTimeInMinutes": 1},
            "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["PRE_PRODUCTION_TRAFFIC_SHIFT"], "timeoutConfiguration": {"timeoutInMinutes": 60, "action": "CONTINUE"}}]
            """);
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].LifecycleHookDetails.Count == 1, each: Promote);
        Assert.Equal(0.0, (await _ecs.ServiceAsync()).GreenProductionPercent);
        var arn = (await _ecs.ServiceAsync()).ServiceDeployments[0].Arn;
        await ContinueAsync(arn, AwaitingHook(await _ecs.ServiceAsync()), "CONTINUE");
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].LifecycleHookDetails.Count == 2, each: Promote);
        var beforeAll = await _ecs.ServiceAsync();
        Assert.Equal(10.0, beforeAll.GreenProductionPercent);
        Assert.Equal(LifecycleStages.ProductionTrafficShift, beforeAll.ServiceDeployments[0].LifecycleStage);

        await ContinueAsync(arn, AwaitingHook(beforeAll), "ROLLBACK");
        await _ecs.StepAsync();

        var service = await _ecs.ServiceAsync();
        var rollout = service.ServiceDeployments[0];
        Assert.Equal("ROLLBACK_IN_PROGRESS", rollout.Status);
        Assert.Equal("Service deployment rolled back by ContinueServiceDeployment (action ROLLBACK) at PRE_PRODUCTION_TRAFFIC_SHIFT.", rollout.StatusReason);
        Assert.Equal([0.0, 10.0, 0.0], _ecs.LoadBalancer.GreenShareHistory);
        Assert.Equal([Blue], _ecs.LoadBalancer.ProductionHistory);
        Assert.Equal(Blue, _ecs.LoadBalancer.Listeners.Single(l => l.IsTest).Route.TargetGroupArn);
        Assert.Contains(service.Events, e => e.Message == $"(service autopr) shifted production and test traffic back to (target-group {Blue}).");
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished, each: Promote);
        Assert.Equal("ROLLBACK_SUCCESSFUL", (await _ecs.ServiceAsync()).ServiceDeployments[0].Status);
        Assert.Equal(["SUCCEEDED", "FAILED"], (await _ecs.ServiceAsync()).ServiceDeployments[0].LifecycleHookDetails.Select(h => h.Status));
        Assert.All(await _ecs.LiveTasksAsync(), t => Assert.Equal(v1, t.TaskDefinitionArn));
        var done = await DescribeLatestAsync();
        Assert.Equal(0.0, done["targetServiceRevision"]!["requestedProductionTrafficWeight"]!.GetValue<double>());
        Assert.Equal(100.0, done["sourceServiceRevisions"]![0]!["requestedProductionTrafficWeight"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_hook_that_times_out_with_rollback_rolls_back_after_its_scaled_timeout()
    {
        _ecs.Options.TimeScale = 0.1;
        await StableServiceAsync("BLUE_GREEN", """, "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["POST_SCALE_UP"], "timeoutConfiguration": {"timeoutInMinutes": 5, "action": "ROLLBACK"}}]""");
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].LifecycleHookDetails.Count == 1, each: Promote);
        var hook = (await _ecs.ServiceAsync()).ServiceDeployments[0].LifecycleHookDetails[0];
        Assert.Equal(_ecs.Time.GetUtcNow() + TimeSpan.FromSeconds(30), hook.ExpiresAt);

        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].Rollback is not null, each: Promote);

        var rollout = (await _ecs.ServiceAsync()).ServiceDeployments[0];
        Assert.True(_ecs.Time.GetUtcNow() >= hook.ExpiresAt);
        Assert.Equal("TIMED_OUT", rollout.LifecycleHookDetails[0].Status);
        Assert.Equal($"Service deployment rolled back: lifecycle hook {hook.HookId} timed out at POST_SCALE_UP (timeout action ROLLBACK).", rollout.StatusReason);
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished, each: Promote);
        Assert.Equal("ROLLBACK_SUCCESSFUL", (await _ecs.ServiceAsync()).ServiceDeployments[0].Status);
        Assert.Equal([Blue], _ecs.LoadBalancer.ProductionHistory);
    }

    [Fact]
    public async Task A_hook_that_times_out_with_continue_lets_the_deployment_go_on()
    {
        await StableServiceAsync("BLUE_GREEN", """, "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["POST_TEST_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT"], "timeoutConfiguration": {"timeoutInMinutes": 1, "action": "CONTINUE"}}]""");
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].LifecycleHookDetails.Count == 1, each: Promote);
        var pausedAt = _ecs.Time.GetUtcNow();

        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);

        var rollout = (await _ecs.ServiceAsync()).ServiceDeployments[0];
        Assert.Equal("SUCCESSFUL", rollout.Status);
        Assert.Equal([("POST_TEST_TRAFFIC_SHIFT", "TIMED_OUT"), ("POST_PRODUCTION_TRAFFIC_SHIFT", "TIMED_OUT")], rollout.LifecycleHookDetails.Select(h => (h.Stage, h.Status)));
        Assert.True(rollout.TrafficShiftedAt - pausedAt >= TimeSpan.FromMinutes(1), "production traffic moved before the hook timed out");
    }

    [Fact]
    public async Task ContinueServiceDeployment_refuses_unknown_deployments_actions_and_hooks_and_says_which_hook_waits()
    {
        await StableServiceAsync("BLUE_GREEN", """, "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["POST_SCALE_UP"]}]""");
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].LifecycleHookDetails.Count == 1, each: Promote);
        var service = await _ecs.ServiceAsync();
        var arn = service.ServiceDeployments[0].Arn;

        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => ContinueAsync(arn + "x", "h", "CONTINUE"));
        Assert.Equal("ServiceDeploymentNotFoundException", missing.Code);
        var action = await Assert.ThrowsAsync<AwsServiceException>(() => ContinueAsync(arn, AwaitingHook(service), "SKIP"));
        Assert.Equal("InvalidParameterException", action.Code);
        var unknown = await Assert.ThrowsAsync<AwsServiceException>(() => ContinueAsync(arn, "ecs-pause-nope", "CONTINUE"));
        Assert.Equal("InvalidParameterException", unknown.Code);
        Assert.Equal($"The service deployment has no lifecycle hook ecs-pause-nope; lifecycle hook {AwaitingHook(service)} awaits action at POST_SCALE_UP.", unknown.Message);

        var continued = await EcsHarness.CallAsync(_ecs.LifecycleHooks.ContinueAsync, $$"""{"serviceDeploymentArn": "{{arn}}", "hookId": "{{AwaitingHook(service)}}"}""");
        Assert.Equal(arn, continued["serviceDeploymentArn"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", (await _ecs.ServiceAsync()).ServiceDeployments[0].LifecycleHookDetails[0].Status);
    }

    private static string AwaitingHook(ServiceRecord service) =>
        service.ServiceDeployments[0].LifecycleHookDetails.Single(h => h.Status == "AWAITING_ACTION").HookId;

    private Task<JsonObject> ContinueAsync(string arn, string hookId, string action) =>
        EcsHarness.CallAsync(_ecs.LifecycleHooks.ContinueAsync, $$"""{"serviceDeploymentArn": "{{arn}}", "hookId": "{{hookId}}", "action": "{{action}}"}""");

    private async Task<string> StableServiceAsync(string strategy, string extras)
    {
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 2, strategy: strategy, bakeMinutes: 0, deploymentExtras: extras, testListener: true);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);
        return v1;
    }

    private async Task<JsonObject> DescribeLatestAsync()
    {
        var arn = (await _ecs.ServiceAsync()).ServiceDeployments[0].Arn;
        var described = await EcsHarness.CallAsync(_ecs.ServiceDeployments.DescribeAsync, $$"""{"serviceDeploymentArns": ["{{arn}}"]}""");
        return described["serviceDeployments"]![0]!.AsObject();
    }

    private Task Promote()
    {
        _ecs.LoadBalancer.PromoteInitial();
        return Task.CompletedTask;
    }
}
