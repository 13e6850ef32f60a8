using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.StateMachine;

/// <summary>CANARY and LINEAR: production traffic moves to green in weighted steps, with the step bakes between them; test traffic first.</summary>
public sealed class CanaryAndLinearDeploymentTests : IDisposable
{
    private const string Blue = EcsHarness.TargetGroup;
    private const string Green = EcsHarness.AlternateTargetGroup;
    private readonly EcsHarness _ecs = new();

    public CanaryAndLinearDeploymentTests() => _ecs.LoadBalancer.HealthOnRegistration = _ => TargetHealthState.Initial;

    public void Dispose() => _ecs.Dispose();

    [Fact]
    public async Task A_canary_gives_green_canaryPercent_for_the_canary_bake_then_all_of_it_and_blue_runs_until_clean_up()
    {
        var v1 = await StableServiceAsync("CANARY", """, "canaryConfiguration": {"canaryPercent": 10.0, "canaryBakeTimeInMinutes": 2}""", bakeMinutes: 1);
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        DateTimeOffset? canaryAt = null, allAt = null, doneAt = null;
        JsonObject? duringCanary = null;

        await _ecs.RunUntilAsync(
            s => s.Primary!.RolloutState == "COMPLETED",
            each: async () =>
            {
                _ecs.LoadBalancer.PromoteInitial();
                var service = await _ecs.ServiceAsync();
                var now = _ecs.Time.GetUtcNow();
                if (service.GreenProductionPercent == 10.0 && canaryAt is null)
                {
                    canaryAt = now;
                    duringCanary = await DescribeLatestAsync();
                }

                allAt ??= service.ProductionTargetGroupArn == Green ? now : null;
                doneAt ??= service.Primary!.RolloutState == "COMPLETED" ? now : null;
                if (service.ServiceDeployments[0].LifecycleStage != LifecycleStages.CleanUp)
                {
                    Assert.Equal(2, (await _ecs.LiveTasksAsync()).Count(t => t.TaskDefinitionArn == v1 && t.DesiredStatus == "RUNNING"));
                }
            });

        Assert.Equal([0.0, 10.0, 0.0], _ecs.LoadBalancer.GreenShareHistory);
        Assert.Equal([Blue, Green], _ecs.LoadBalancer.ProductionHistory);
        Assert.Equal([Blue, Green], _ecs.LoadBalancer.TestHistory);
        Assert.InRange(allAt!.Value - canaryAt!.Value, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.True(doneAt - allAt >= TimeSpan.FromMinutes(1), "blue stopped before the bake time");

        var target = duringCanary!["targetServiceRevision"]!;
        Assert.Equal(10.0, target["requestedProductionTrafficWeight"]!.GetValue<double>());
        Assert.Equal(100.0, target["requestedTestTrafficWeight"]!.GetValue<double>());
        Assert.Equal(90.0, duringCanary["sourceServiceRevisions"]![0]!["requestedProductionTrafficWeight"]!.GetValue<double>());
        Assert.Equal(0.0, duringCanary["sourceServiceRevisions"]![0]!["requestedTestTrafficWeight"]!.GetValue<double>());
        Assert.Equal("PRODUCTION_TRAFFIC_SHIFT", duringCanary["lifecycleStage"]!.GetValue<string>());
        Assert.Equal(10.0, duringCanary["deploymentConfiguration"]!["canaryConfiguration"]!["canaryPercent"]!.GetValue<double>());

        var service = await _ecs.ServiceAsync();
        var messages = service.Events.Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.StartsWith("(service autopr) (deployment ecs-svc/", StringComparison.Ordinal)
            && m.EndsWith($") shifted 10.0 % of production traffic to (target-group {Green}); 90.0 % stays on (target-group {Blue}).", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith($") shifted test traffic to (target-group {Green}).", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith($") shifted production traffic to (target-group {Green}).", StringComparison.Ordinal));
        Assert.Equal("SUCCESSFUL", service.ServiceDeployments[0].Status);
        var done = await DescribeLatestAsync();
        Assert.Equal(100.0, done["targetServiceRevision"]!["requestedProductionTrafficWeight"]!.GetValue<double>());
    }

    [Fact]
    public async Task Linear_steps_of_25_percent_take_four_steps_a_step_bake_apart_with_no_wait_after_the_last()
    {
        await StableServiceAsync("LINEAR", """, "linearConfiguration": {"stepPercent": 25.0, "stepBakeTimeInMinutes": 1}""", bakeMinutes: 0);
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        var steps = new List<(double Share, DateTimeOffset At)>();
        var stageAfterLastStep = (string?)null;

        await _ecs.RunUntilAsync(
            s => s.Primary!.RolloutState == "COMPLETED",
            each: async () =>
            {
                _ecs.LoadBalancer.PromoteInitial();
                var service = await _ecs.ServiceAsync();
                var share = service.ProductionTargetGroupArn == Green ? 100.0 : service.GreenProductionPercent;
                if (share > 0 && (steps.Count == 0 || steps[^1].Share != share))
                {
                    steps.Add((share, _ecs.Time.GetUtcNow()));
                    stageAfterLastStep = share == 100.0 ? service.ServiceDeployments[0].LifecycleStage : null;
                }
            });

        Assert.Equal([25.0, 50.0, 75.0, 100.0], steps.Select(s => s.Share));
        Assert.All(steps.Zip(steps.Skip(1)), pair => Assert.InRange(pair.Second.At - pair.First.At, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1)));
        Assert.Equal(LifecycleStages.CleanUp, stageAfterLastStep);
        Assert.Equal([0.0, 25.0, 50.0, 75.0, 0.0], _ecs.LoadBalancer.GreenShareHistory);
        Assert.Equal("SUCCESSFUL", (await _ecs.ServiceAsync()).ServiceDeployments[0].Status);
    }

    [Fact]
    public async Task The_test_listener_routes_to_blue_outside_a_deployment_and_to_green_from_the_test_traffic_shift_on()
    {
        await StableServiceAsync("CANARY", """, "canaryConfiguration": {"canaryPercent": 5.0, "canaryBakeTimeInMinutes": 1}""", bakeMinutes: 0);
        var test = Assert.Single(_ecs.LoadBalancer.Listeners, l => l.IsTest);
        Assert.Equal("127.0.0.1:9080", test.Address);
        Assert.Equal(Blue, test.Route.TargetGroupArn);
        Assert.Equal("127.0.0.1:9080", (await _ecs.ServiceAsync()).TestListenerAddress);

        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].LifecycleStage == LifecycleStages.ProductionTrafficShift, each: Promote);
        Assert.Equal(Green, _ecs.LoadBalancer.Listeners.Single(l => l.IsTest).Route.TargetGroupArn);
        Assert.Equal(Blue, _ecs.LoadBalancer.Listeners.Single(l => !l.IsTest).Route.TargetGroupArn);

        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);
        Assert.Equal(Green, _ecs.LoadBalancer.Listeners.Single(l => l.IsTest).Route.TargetGroupArn);
        Assert.Equal([Blue, Green], _ecs.LoadBalancer.TestHistory);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_canary_keeps_the_weights_the_test_listener_and_the_settings()
    {
        await StableServiceAsync("CANARY", """, "canaryConfiguration": {"canaryPercent": 20.0, "canaryBakeTimeInMinutes": 1}""", bakeMinutes: 0);
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        await _ecs.RunUntilAsync(s => s.GreenProductionPercent == 20.0, each: Promote);

        _ecs.Restart();
        await _ecs.StepAsync();

        var production = _ecs.LoadBalancer.Listeners.Single(l => !l.IsTest).Route;
        Assert.Equal(new ListenerRoute(Blue, Green, 20.0), production);
        Assert.Equal(Green, _ecs.LoadBalancer.Listeners.Single(l => l.IsTest).Route.TargetGroupArn);
        Assert.Equal(20.0, (await _ecs.ServiceAsync()).ServiceDeployments[0].Configuration.Canary!.CanaryPercent);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);
        Assert.Equal("SUCCESSFUL", (await _ecs.ServiceAsync()).ServiceDeployments[0].Status);
    }

    private async Task<string> StableServiceAsync(string strategy, string extras, int bakeMinutes)
    {
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 2, strategy: strategy, bakeMinutes: bakeMinutes, deploymentExtras: extras, testListener: true);
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
