using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.StateMachine;

/// <summary>Rollbacks in the middle of a canary: production and test traffic return to blue in one pass, and blue never stopped.</summary>
public sealed class TrafficShiftRollbackTests : IDisposable
{
    private const string Blue = EcsHarness.TargetGroup;
    private const string Green = EcsHarness.AlternateTargetGroup;
    private readonly EcsHarness _ecs = new();

    public TrafficShiftRollbackTests() => _ecs.LoadBalancer.HealthOnRegistration = _ => TargetHealthState.Initial;

    public void Dispose() => _ecs.Dispose();

    [Fact]
    public async Task StopServiceDeployment_with_rollback_in_the_canary_step_restores_all_traffic_to_blue_in_one_pass()
    {
        var v1 = await CanaryInProgressAsync();
        var arn = (await _ecs.ServiceAsync()).ServiceDeployments[0].Arn;

        await EcsHarness.CallAsync(_ecs.ServiceDeployments.StopAsync, $$"""{"serviceDeploymentArn": "{{arn}}", "stopType": "ROLLBACK"}""");
        await _ecs.StepAsync();

        var service = await _ecs.ServiceAsync();
        Assert.Equal(new ListenerRoute(Blue), _ecs.LoadBalancer.Listeners.Single(l => !l.IsTest).Route);
        Assert.Equal(new ListenerRoute(Blue), _ecs.LoadBalancer.Listeners.Single(l => l.IsTest).Route);
        Assert.Equal("ROLLBACK_IN_PROGRESS", service.ServiceDeployments[0].Status);
        Assert.Equal("Service deployment rolled back by StopServiceDeployment (stopType ROLLBACK) at PRODUCTION_TRAFFIC_SHIFT.", service.ServiceDeployments[0].StatusReason);
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished, each: () => BlueKeepsRunningAsync(v1));
        Assert.Equal("ROLLBACK_SUCCESSFUL", (await _ecs.ServiceAsync()).ServiceDeployments[0].Status);
        Assert.Equal([0.0, 10.0, 0.0], _ecs.LoadBalancer.GreenShareHistory);
        Assert.Equal([Blue], _ecs.LoadBalancer.ProductionHistory);
        Assert.Equal([Blue, Green, Blue], _ecs.LoadBalancer.TestHistory);
        Assert.All(await _ecs.LiveTasksAsync(), t => Assert.Equal(v1, t.TaskDefinitionArn));
    }

    [Fact]
    public async Task Green_failing_in_the_canary_step_trips_the_circuit_breaker_and_all_traffic_returns_to_blue_in_one_pass()
    {
        var v1 = await CanaryInProgressAsync();
        _ecs.LoadBalancer.HealthOnRegistration = _ => TargetHealthState.Unhealthy;
        foreach (var green in (await _ecs.LiveTasksAsync()).Where(t => t.TaskDefinitionArn != v1))
        {
            _ecs.LoadBalancer.SetHealth(green.Id, TargetHealthState.Unhealthy);
        }

        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].Rollback is not null, each: () => BlueKeepsRunningAsync(v1));

        var rollout = (await _ecs.ServiceAsync()).ServiceDeployments[0];
        Assert.Equal("TRIGGERED", rollout.CircuitBreakerStatus);
        Assert.Equal("ECS deployment circuit breaker: tasks failed to start.", rollout.StatusReason);
        Assert.Equal(new ListenerRoute(Blue), _ecs.LoadBalancer.Listeners.Single(l => !l.IsTest).Route);
        Assert.Equal(new ListenerRoute(Blue), _ecs.LoadBalancer.Listeners.Single(l => l.IsTest).Route);
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished, each: () => BlueKeepsRunningAsync(v1));
        Assert.Equal("ROLLBACK_SUCCESSFUL", (await _ecs.ServiceAsync()).ServiceDeployments[0].Status);
    }

    /// <summary>A stable v1, then v2 as a 10 % canary with a long canary bake, some passes into that bake.</summary>
    private async Task<string> CanaryInProgressAsync()
    {
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 2, strategy: "CANARY", bakeMinutes: 0, deploymentExtras: """, "canaryConfiguration": {"canaryPercent": 10.0, "canaryBakeTimeInMinutes": 30}""", testListener: true);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        await _ecs.RunUntilAsync(s => s.GreenProductionPercent == 10.0, each: Promote);
        for (var i = 0; i < 5; i++)
        {
            await _ecs.StepAsync();
        }

        Assert.Equal(new ListenerRoute(Blue, Green, 10.0), _ecs.LoadBalancer.Listeners.Single(l => !l.IsTest).Route);
        return v1;
    }

    private async Task BlueKeepsRunningAsync(string v1)
    {
        _ecs.LoadBalancer.PromoteInitial();
        Assert.Equal(2, (await _ecs.LiveTasksAsync()).Count(t => t.TaskDefinitionArn == v1 && t.DesiredStatus == "RUNNING"));
    }

    private Task Promote()
    {
        _ecs.LoadBalancer.PromoteInitial();
        return Task.CompletedTask;
    }
}
