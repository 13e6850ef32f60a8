using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.StateMachine;

/// <summary>A LocalEcs restart in the middle of a deployment: state from disk, containers from Docker.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly EcsHarness _ecs = new();

    public void Dispose() => _ecs.Dispose();

    [Fact]
    public async Task A_rolling_deployment_interrupted_by_a_restart_resumes_and_containers_match_the_service()
    {
        _ecs.LoadBalancer.HealthOnRegistration = _ => TargetHealthState.Initial;
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 2);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);
        var v2 = await _ecs.RegisterAsync("app:2");
        await _ecs.UpdateServiceAsync(v2);
        await _ecs.StepAsync();
        await _ecs.StepAsync();
        Assert.Equal("IN_PROGRESS", (await _ecs.ServiceAsync()).Primary!.RolloutState);

        _ecs.Restart();
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);

        var service = await _ecs.ServiceAsync();
        Assert.Equal(v2, service.TaskDefinitionArn);
        Assert.Equal("SUCCESSFUL", service.ServiceDeployments[0].Status);
        var live = await _ecs.LiveTasksAsync();
        Assert.Equal(live.Select(t => t.Id).Order(), _ecs.Runtime.RunningTasks.Order());
        Assert.All(live, t => Assert.Equal(TargetHealthState.Healthy, _ecs.LoadBalancer.Health(EcsHarness.TargetGroup, t.Id)));
        Assert.Equal(2, _ecs.Runtime.ContainerCount);
    }

    [Fact]
    public async Task After_a_restart_targets_that_were_healthy_serve_at_once_and_new_ones_wait_for_their_checks()
    {
        _ecs.LoadBalancer.HealthOnRegistration = _ => TargetHealthState.Initial;
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 2);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);
        await _ecs.StepAsync();
        var healthy = (await _ecs.LiveTasksAsync()).Select(t => t.Id).ToList();

        _ecs.Restart();
        await _ecs.StepAsync();

        Assert.All(healthy, id => Assert.Equal(TargetHealthState.Healthy, _ecs.LoadBalancer.Health(EcsHarness.TargetGroup, id)));
        Assert.Equal("COMPLETED", (await _ecs.ServiceAsync()).Primary!.RolloutState);
    }

    [Fact]
    public async Task A_task_whose_launch_was_interrupted_is_launched_again_after_a_restart_and_its_leftover_container_removed()
    {
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 1);
        await _ecs.StepAsync();

        // As if LocalEcs died after Docker created the container but before the state file recorded it.
        await _ecs.Store.WriteAsync(
            state =>
            {
                var task = state.Tasks.Values.Single();
                task.LastStatus = "PROVISIONING";
                task.Containers[0].RuntimeId = null;
            },
            CancellationToken.None);
        Assert.Equal(1, _ecs.Runtime.ContainerCount);
        _ecs.Restart();
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED");

        var task = Assert.Single(await _ecs.LiveTasksAsync());
        Assert.Equal(2, _ecs.Runtime.Launched.Count);
        Assert.Equal(1, _ecs.Runtime.ContainerCount);
        Assert.Equal([task.Id], _ecs.Runtime.RunningTasks);
    }

    private Task Promote()
    {
        _ecs.LoadBalancer.PromoteInitial();
        return Task.CompletedTask;
    }
}
