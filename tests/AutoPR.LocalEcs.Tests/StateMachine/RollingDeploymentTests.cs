using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.StateMachine;

/// <summary>The ROLLING state machine over fake Docker and a fake load balancer.</summary>
public sealed class RollingDeploymentTests : IDisposable
{
    private readonly EcsHarness _ecs = new();

    public RollingDeploymentTests() => _ecs.LoadBalancer.HealthOnRegistration = _ => TargetHealthState.Initial;

    public void Dispose() => _ecs.Dispose();

    [Fact]
    public async Task A_new_service_starts_its_tasks_registers_targets_and_reaches_a_steady_state()
    {
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 2);

        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);

        var service = await _ecs.ServiceAsync();
        Assert.Equal(2, _ecs.Runtime.RunningCount);
        Assert.Equal("SUCCESSFUL", service.ServiceDeployments[0].Status);
        Assert.Equal(v1, service.LastCompletedRevisionArn is null ? null : service.Revisions.Single(r => r.Arn == service.LastCompletedRevisionArn).TaskDefinitionArn);
        var messages = service.Events.Select(e => e.Message).ToList();
        Assert.Contains("(service autopr) has reached a steady state.", messages);
        Assert.Contains(messages, m => m.StartsWith("(service autopr) has started 2 tasks: (task ", StringComparison.Ordinal));
        Assert.Contains($"(service autopr) registered 2 targets in (target-group {EcsHarness.TargetGroup})", messages);
        Assert.All(await _ecs.LiveTasksAsync(), t => Assert.StartsWith("127.0.", t.Address, StringComparison.Ordinal));
        Assert.Equal(2, (await _ecs.LiveTasksAsync()).Select(t => t.Address).Distinct().Count());
    }

    [Fact]
    public async Task A_service_whose_containers_vanished_is_refilled_and_reports_its_steady_state_again()
    {
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 2);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);
        await _ecs.RunUntilAsync(s => s.Events.Any(e => e.Message.EndsWith("has reached a steady state.", StringComparison.Ordinal)), each: Promote);

        // The engine lost every container (a restart of the machine): the tasks stop and ECS starts new ones.
        await _ecs.Runtime.RemoveAllAsync(CancellationToken.None);
        await _ecs.RunUntilAsync(s => s.Events.Count(e => e.Message == "(service autopr) has reached a steady state.") == 2, each: Promote);

        var service = await _ecs.ServiceAsync();
        Assert.Equal(2, _ecs.Runtime.RunningCount);
        Assert.Equal(v1, service.Primary!.TaskDefinitionArn);
        Assert.Equal("COMPLETED", service.Primary.RolloutState);
    }

    [Fact]
    public async Task At_100_200_the_healthy_count_never_drops_below_desired_and_the_new_revision_replaces_the_old()
    {
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 3);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);
        var v2 = await _ecs.RegisterAsync("app:2");

        await _ecs.UpdateServiceAsync(v2);
        var maxLive = 0;
        await _ecs.RunUntilAsync(
            s => s.Primary!.TaskDefinitionArn == v2 && s.Primary.RolloutState == "COMPLETED",
            each: async () =>
            {
                _ecs.LoadBalancer.PromoteInitial();
                Assert.True(_ecs.LoadBalancer.HealthyInProduction(EcsHarness.TargetGroup) >= 3, "fewer than 3 healthy targets during the rollout");
                maxLive = Math.Max(maxLive, (await _ecs.LiveTasksAsync()).Count(t => t.DesiredStatus == "RUNNING"));
            });

        var service = await _ecs.ServiceAsync();
        Assert.True(maxLive <= 6, $"maximumPercent 200 allows 6 tasks, saw {maxLive}");
        Assert.Single(service.Deployments);
        Assert.Equal(v2, service.TaskDefinitionArn);
        Assert.Equal("SUCCESSFUL", service.ServiceDeployments[0].Status);
        Assert.Equal("SUCCESSFUL", service.ServiceDeployments[1].Status);
        Assert.All(await _ecs.LiveTasksAsync(), t => Assert.Equal(v2, t.TaskDefinitionArn));
        Assert.Equal(3, _ecs.Runtime.RunningCount);
        var stopped = await _ecs.Store.ReadAsync(s => s.Tasks.Values.Where(t => t.IsStopped).ToList(), CancellationToken.None);
        Assert.Equal(3, stopped.Count);
        Assert.All(stopped, t => Assert.StartsWith("Scaling activity initiated by (deployment ecs-svc/", t.StoppedReason, StringComparison.Ordinal));
        Assert.All(stopped, t => Assert.NotNull(t.DeregisteredAt));
    }

    [Fact]
    public async Task Old_tasks_with_requests_in_flight_drain_for_the_deregistration_delay_before_their_containers_stop()
    {
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 1);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED", each: Promote);
        var old = (await _ecs.LiveTasksAsync()).Single();
        _ecs.LoadBalancer.InFlightRequests = 1;
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));

        await _ecs.RunUntilAsync(_ => _ecs.Store.ReadAsync(s => s.Tasks[old.Id].LastStatus, CancellationToken.None).Result == "DEACTIVATING", each: Promote);
        for (var i = 0; i < 3; i++)
        {
            await _ecs.StepAsync();
        }

        Assert.Equal("DEACTIVATING", await _ecs.Store.ReadAsync(s => s.Tasks[old.Id].LastStatus, CancellationToken.None));
        Assert.Contains(old.Id, _ecs.Runtime.RunningTasks);
        Assert.Equal(TargetHealthState.Draining, _ecs.LoadBalancer.Health(EcsHarness.TargetGroup, old.Id));

        for (var i = 0; i < 4; i++)
        {
            await _ecs.StepAsync();
        }

        Assert.Equal("STOPPED", await _ecs.Store.ReadAsync(s => s.Tasks[old.Id].LastStatus, CancellationToken.None));
        Assert.DoesNotContain(old.Id, _ecs.Runtime.RunningTasks);
        Assert.Equal(TargetHealthState.Unused, _ecs.LoadBalancer.Health(EcsHarness.TargetGroup, old.Id));
    }

    private Task Promote()
    {
        _ecs.LoadBalancer.PromoteInitial();
        return Task.CompletedTask;
    }
}
