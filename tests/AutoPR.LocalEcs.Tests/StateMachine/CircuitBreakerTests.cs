using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.StateMachine;

/// <summary>Failed tasks, the deployment circuit breaker and rollbacks, over fakes.</summary>
public sealed class CircuitBreakerTests : IDisposable
{
    private readonly EcsHarness _ecs = new();

    public void Dispose() => _ecs.Dispose();

    [Fact]
    public async Task Crash_looping_tasks_trip_the_circuit_breaker_and_the_service_returns_to_the_previous_revision()
    {
        var v1 = await StableServiceAsync();
        _ecs.Runtime.Behaviour = (spec, c) => c.Image == "app:2" ? FakeOutcome.Crashes : FakeOutcome.Healthy;
        var v2 = await _ecs.RegisterAsync("app:2");
        var failedDeployment = (await _ecs.UpdateServiceAsync(v2))["service"]!["deployments"]![0]!["id"]!.GetValue<string>();

        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished, each: () => AssertOldTasksKeepServing(v1));

        var service = await _ecs.ServiceAsync();
        var rollout = service.ServiceDeployments[0];
        Assert.Equal("ROLLBACK_SUCCESSFUL", rollout.Status);
        Assert.Equal("TRIGGERED", rollout.CircuitBreakerStatus);
        Assert.Equal(3, rollout.CircuitBreakerThreshold);
        Assert.True(rollout.CircuitBreakerFailureCount >= 3);
        Assert.Equal(service.Revisions.First(r => r.TaskDefinitionArn == v1).Arn, rollout.Rollback!.ServiceRevisionArn);
        Assert.StartsWith("ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/", rollout.Rollback.Reason, StringComparison.Ordinal);
        Assert.Equal(v1, service.TaskDefinitionArn);
        Assert.Equal("COMPLETED", service.Primary!.RolloutState);
        Assert.Contains($"(service autopr) (deployment {failedDeployment}) deployment failed: tasks failed to start.", service.Events.Select(e => e.Message));
        var stopped = await _ecs.Store.ReadAsync(s => s.Tasks.Values.Where(t => t.IsStopped && t.TaskDefinitionArn == v2).ToList(), CancellationToken.None);
        Assert.True(stopped.Count >= 3);
        Assert.All(stopped, t => Assert.Equal("Essential container in task exited", t.StoppedReason));
        Assert.All(stopped, t => Assert.Equal(3, t.Containers[0].ExitCode));
        Assert.All(await _ecs.LiveTasksAsync(), t => Assert.Equal(v1, t.TaskDefinitionArn));
    }

    [Fact]
    public async Task Tasks_failing_container_health_checks_are_replaced_after_the_grace_period_and_count_as_failures()
    {
        await StableServiceAsync();
        _ecs.Runtime.Behaviour = (spec, c) => c.Image == "app:2" ? FakeOutcome.Unhealthy : FakeOutcome.Healthy;
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));

        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished);

        var service = await _ecs.ServiceAsync();
        Assert.Equal("ROLLBACK_SUCCESSFUL", service.ServiceDeployments[0].Status);
        var failed = await _ecs.Store.ReadAsync(s => s.Tasks.Values.Where(t => t.IsStopped && t.Containers[0].Image == "app:2").ToList(), CancellationToken.None);
        Assert.All(failed, t => Assert.Equal("Task failed container health checks", t.StoppedReason));
        Assert.All(failed, t => Assert.True(t.StoppingAt - t.StartedAt >= TimeSpan.FromSeconds(10), "stopped inside the 10 s grace period"));
        Assert.Contains(service.Events, e => e.Message.EndsWith("failed container health checks.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_that_cannot_start_is_stopped_with_the_reason_and_counts_against_the_deployment()
    {
        await StableServiceAsync();
        _ecs.Runtime.Behaviour = (spec, c) => c.Image == "app:2" ? FakeOutcome.FailsToLaunch : FakeOutcome.Healthy;
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));

        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished);

        var failed = await _ecs.Store.ReadAsync(s => s.Tasks.Values.Where(t => t.IsStopped && t.Containers[0].Image == "app:2").ToList(), CancellationToken.None);
        Assert.NotEmpty(failed);
        Assert.All(failed, t => Assert.StartsWith("CannotPullContainerError:", t.StoppedReason, StringComparison.Ordinal));
        Assert.All(failed, t => Assert.Equal("TaskFailedToStart", t.StopCode));
    }

    [Fact]
    public async Task A_secret_missing_from_the_parameter_store_fails_the_task_with_ResourceInitializationError()
    {
        await StableServiceAsync();
        var v2 = await _ecs.CallAsyncRegisterWithSecret("/autopr/missing");
        await _ecs.UpdateServiceAsync(v2);

        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished);

        var failed = await _ecs.Store.ReadAsync(s => s.Tasks.Values.Where(t => t.IsStopped && t.TaskDefinitionArn == v2).ToList(), CancellationToken.None);
        Assert.NotEmpty(failed);
        Assert.All(failed, t => Assert.StartsWith("ResourceInitializationError: unable to pull secrets", t.StoppedReason, StringComparison.Ordinal));
        Assert.DoesNotContain(_ecs.Runtime.Launched, l => l.Containers[0].Image == "app:secret");
    }

    [Fact]
    public async Task StopServiceDeployment_with_ROLLBACK_returns_to_the_previous_revision_without_stopping_its_tasks()
    {
        var v1 = await StableServiceAsync();
        _ecs.Runtime.Behaviour = (spec, c) => c.Image == "app:2" ? FakeOutcome.StaysStarting : FakeOutcome.Healthy;
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        for (var i = 0; i < 5; i++)
        {
            await _ecs.StepAsync();
        }

        var arn = (await _ecs.ServiceAsync()).ServiceDeployments[0].Arn;
        await EcsHarness.CallAsync(_ecs.ServiceDeployments.StopAsync, $$"""{"serviceDeploymentArn": "{{arn}}", "stopType": "ROLLBACK"}""");
        Assert.Equal("ROLLBACK_REQUESTED", (await _ecs.ServiceAsync()).ServiceDeployments[0].Status);

        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished, each: () => AssertOldTasksKeepServing(v1));

        var service = await _ecs.ServiceAsync();
        Assert.Equal("ROLLBACK_SUCCESSFUL", service.ServiceDeployments[0].Status);
        Assert.Equal(v1, service.TaskDefinitionArn);
        Assert.Equal(2, (await _ecs.LiveTasksAsync()).Count);
        var stoppedV1 = await _ecs.Store.ReadAsync(s => s.Tasks.Values.Count(t => t.IsStopped && t.TaskDefinitionArn == v1), CancellationToken.None);
        Assert.Equal(0, stoppedV1);
    }

    private async Task<string> StableServiceAsync()
    {
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 2);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED");
        return v1;
    }

    private async Task AssertOldTasksKeepServing(string v1)
    {
        var live = await _ecs.LiveTasksAsync();
        Assert.True(live.Count(t => t.TaskDefinitionArn == v1 && t.DesiredStatus == "RUNNING") >= 2, "a task of the stable revision was stopped during a failing rollout");
    }
}
