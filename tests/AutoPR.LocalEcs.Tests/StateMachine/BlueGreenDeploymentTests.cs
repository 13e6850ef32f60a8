using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.StateMachine;

/// <summary>The BLUE_GREEN state machine: green in the alternate target group, traffic shift, bake, clean-up, rollback.</summary>
public sealed class BlueGreenDeploymentTests : IDisposable
{
    private readonly EcsHarness _ecs = new();

    public BlueGreenDeploymentTests() => _ecs.LoadBalancer.HealthOnRegistration = _ => TargetHealthState.Initial;

    public void Dispose() => _ecs.Dispose();

    [Fact]
    public async Task Green_starts_in_the_alternate_target_group_traffic_shifts_when_it_is_healthy_and_blue_stops_after_the_bake_time()
    {
        var v1 = await StableServiceAsync();
        var v2 = await _ecs.RegisterAsync("app:2");
        await _ecs.UpdateServiceAsync(v2);
        var shiftedAt = (DateTimeOffset?)null;

        await _ecs.RunUntilAsync(
            s => s.Primary!.RolloutState == "COMPLETED",
            each: async () =>
            {
                _ecs.LoadBalancer.PromoteInitial();
                var service = await _ecs.ServiceAsync();
                var live = await _ecs.LiveTasksAsync();
                if (service.ProductionTargetGroupArn == EcsHarness.TargetGroup)
                {
                    Assert.Equal(2, live.Count(t => t.TaskDefinitionArn == v1 && t.DesiredStatus == "RUNNING"));
                }
                else
                {
                    shiftedAt ??= _ecs.Time.GetUtcNow();
                    Assert.True(_ecs.LoadBalancer.HealthyInProduction(EcsHarness.AlternateTargetGroup) >= 2, "traffic shifted before green was healthy");
                    if (_ecs.Time.GetUtcNow() - shiftedAt < TimeSpan.FromMinutes(1))
                    {
                        Assert.Equal(2, live.Count(t => t.TaskDefinitionArn == v1 && t.DesiredStatus == "RUNNING"));
                    }
                }
            });

        var done = await _ecs.ServiceAsync();
        Assert.Equal([EcsHarness.TargetGroup, EcsHarness.AlternateTargetGroup], _ecs.LoadBalancer.ProductionHistory);
        Assert.Equal(EcsHarness.AlternateTargetGroup, done.ProductionTargetGroupArn);
        Assert.Equal("SUCCESSFUL", done.ServiceDeployments[0].Status);
        Assert.Equal("CLEAN_UP", done.ServiceDeployments[0].LifecycleStage);
        Assert.NotNull(shiftedAt);
        Assert.All(await _ecs.LiveTasksAsync(), t => Assert.Equal(v2, t.TaskDefinitionArn));
    }

    [Fact]
    public async Task The_next_deployment_starts_green_in_the_other_target_group()
    {
        await StableServiceAsync();
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:3"));
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);

        Assert.Equal([EcsHarness.TargetGroup, EcsHarness.AlternateTargetGroup, EcsHarness.TargetGroup], _ecs.LoadBalancer.ProductionHistory);
    }

    [Fact]
    public async Task A_rollback_during_the_bake_shifts_traffic_back_to_blue_at_once()
    {
        var v1 = await StableServiceAsync();
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].LifecycleStage == "BAKE_TIME", each: Promote);
        Assert.Equal(EcsHarness.AlternateTargetGroup, (await _ecs.ServiceAsync()).ProductionTargetGroupArn);

        var arn = (await _ecs.ServiceAsync()).ServiceDeployments[0].Arn;
        await EcsHarness.CallAsync(_ecs.ServiceDeployments.StopAsync, $$"""{"serviceDeploymentArn": "{{arn}}"}""");
        await _ecs.StepAsync();

        var service = await _ecs.ServiceAsync();
        Assert.Equal(EcsHarness.TargetGroup, service.ProductionTargetGroupArn);
        Assert.Equal(EcsHarness.TargetGroup, _ecs.LoadBalancer.ProductionHistory[^1]);
        Assert.Equal("ROLLBACK_IN_PROGRESS", service.ServiceDeployments[0].Status);
        Assert.Equal(v1, service.TaskDefinitionArn);
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished, each: Promote);
        Assert.Equal("ROLLBACK_SUCCESSFUL", (await _ecs.ServiceAsync()).ServiceDeployments[0].Status);
        Assert.All(await _ecs.LiveTasksAsync(), t => Assert.Equal(v1, t.TaskDefinitionArn));
    }

    [Fact]
    public async Task Green_tasks_that_crash_trip_the_circuit_breaker_before_any_traffic_moves()
    {
        var v1 = await StableServiceAsync();
        _ecs.Runtime.Behaviour = (spec, c) => c.Image == "app:2" ? FakeOutcome.Crashes : FakeOutcome.Healthy;
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));

        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished, each: Promote);

        var service = await _ecs.ServiceAsync();
        Assert.Equal("ROLLBACK_SUCCESSFUL", service.ServiceDeployments[0].Status);
        Assert.Equal([EcsHarness.TargetGroup], _ecs.LoadBalancer.ProductionHistory);
        Assert.Equal(v1, service.TaskDefinitionArn);
    }

    private async Task<string> StableServiceAsync()
    {
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 2, strategy: "BLUE_GREEN", bakeMinutes: 1);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);
        return v1;
    }

    private Task Promote()
    {
        _ecs.LoadBalancer.PromoteInitial();
        return Task.CompletedTask;
    }
}
