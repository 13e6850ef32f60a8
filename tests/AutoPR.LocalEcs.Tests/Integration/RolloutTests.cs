using AutoPR.LocalEcs.Tests.Support;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>Real deployments: AutoPR.Service containers behind the LocalEcs listener, under continuous HTTP load.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class RolloutTests
{
    [Fact]
    public async Task A_rolling_deployment_under_load_loses_no_request_and_ends_on_the_new_revision()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        var v1 = await stack.RegisterAsync("1.0.0");
        await stack.CreateServiceAsync(v1, desired: 2);
        Assert.Equal("SUCCESSFUL", (await stack.WaitForServiceDeploymentAsync())["status"]!.GetValue<string>());
        Assert.Equal("1.0.0", await stack.VersionThroughListenerAsync());
        var v2 = await stack.RegisterAsync("2.0.0");

        await using (var load = LoadGenerator.Start(stack.Listener))
        {
            await stack.UpdateServiceAsync(v2);
            var deployment = await stack.WaitForServiceDeploymentAsync();
            await Task.Delay(500);
            await load.StopAsync();

            Assert.Equal("SUCCESSFUL", deployment["status"]!.GetValue<string>());
            Assert.Empty(load.Failures);
            Assert.True(load.Succeeded > 100, $"only {load.Succeeded} requests were made during the deployment");
        }

        Assert.Equal("2.0.0", await stack.VersionThroughListenerAsync());
        var service = await stack.DescribeServiceAsync();
        Assert.Equal(v2, service["taskDefinition"]!.GetValue<string>());
        var deployments = service["deployments"]!.AsArray();
        Assert.Single(deployments);
        Assert.Equal("COMPLETED", deployments[0]!["rolloutState"]!.GetValue<string>());
        Assert.Equal(2, service["runningCount"]!.GetValue<int>());
        var messages = service["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList();
        Assert.Contains("(service autopr) has reached a steady state.", messages);
        Assert.Contains(messages, m => m.StartsWith("(service autopr) has stopped 2 running tasks", StringComparison.Ordinal) || m.StartsWith("(service autopr) has stopped 1 running tasks", StringComparison.Ordinal));
        var containers = await stack.ContainersAsync();
        Assert.Equal(2, containers.Count);
        await AssertContainerShapeAsync(stack, containers[0].ID);
    }

    [Fact]
    public async Task A_blue_green_deployment_under_load_loses_no_request_shifts_traffic_and_stops_blue_after_the_bake()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        var v1 = await stack.RegisterAsync("1.0.0");
        await stack.CreateServiceAsync(v1, desired: 2, strategy: "BLUE_GREEN", bakeMinutes: 1);
        await stack.WaitForServiceDeploymentAsync();
        var v2 = await stack.RegisterAsync("2.0.0");

        await using (var load = LoadGenerator.Start(stack.Listener))
        {
            await stack.UpdateServiceAsync(v2);
            var sawBake = false;
            var versionsDuringBake = new HashSet<string>();
            var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
            while (DateTimeOffset.UtcNow < deadline)
            {
                var current = await stack.LatestServiceDeploymentAsync();
                if (current["lifecycleStage"]?.GetValue<string>() == "BAKE_TIME")
                {
                    sawBake = true;
                    versionsDuringBake.Add(await stack.VersionThroughListenerAsync());
                    Assert.Equal(4, (await stack.ContainersAsync()).Count);
                }

                if (current["status"]!.GetValue<string>() is "SUCCESSFUL" or "ROLLBACK_SUCCESSFUL" or "ROLLBACK_FAILED" or "STOPPED")
                {
                    break;
                }

                await Task.Delay(300);
            }

            await load.StopAsync();
            Assert.True(sawBake, "the deployment never reported BAKE_TIME");
            Assert.Equal(["2.0.0"], versionsDuringBake);
            Assert.Empty(load.Failures);
            Assert.True(load.Succeeded > 100, $"only {load.Succeeded} requests were made during the deployment");
        }

        var deployment = await stack.LatestServiceDeploymentAsync();
        Assert.Equal("SUCCESSFUL", deployment["status"]!.GetValue<string>());
        Assert.Equal(100.0, deployment["targetServiceRevision"]!["requestedProductionTrafficWeight"]!.GetValue<double>());
        Assert.Equal("2.0.0", await stack.VersionThroughListenerAsync());
        Assert.Equal(2, (await stack.ContainersAsync()).Count);
    }

    [Fact]
    public async Task Crash_looping_tasks_trip_the_circuit_breaker_and_the_service_returns_to_the_previous_revision_without_losing_requests()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        var v1 = await stack.RegisterAsync("1.0.0");
        await stack.CreateServiceAsync(v1, desired: 2);
        await stack.WaitForServiceDeploymentAsync();
        var v2 = await stack.RegisterAsync("2.0.0", """, {"name": "AUTOPR_FAULT_CRASH_ON_START", "value": "0"}""");

        await using var load = LoadGenerator.Start(stack.Listener);
        await stack.UpdateServiceAsync(v2);
        var deployment = await stack.WaitForServiceDeploymentAsync();
        await load.StopAsync();

        Assert.Equal("ROLLBACK_SUCCESSFUL", deployment["status"]!.GetValue<string>());
        Assert.Equal("TRIGGERED", deployment["deploymentCircuitBreaker"]!["status"]!.GetValue<string>());
        Assert.True(deployment["deploymentCircuitBreaker"]!["failureCount"]!.GetValue<int>() >= 3);
        Assert.StartsWith("ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/", deployment["rollback"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var service = await stack.DescribeServiceAsync();
        Assert.Equal(v1, service["taskDefinition"]!.GetValue<string>());
        Assert.Equal("1.0.0", await stack.VersionThroughListenerAsync());
        Assert.Empty(load.Failures);
        var stopped = await stack.Aws.EcsAsync("ListTasks", $$"""{"cluster": "{{LocalEcsStack.Cluster}}", "desiredStatus": "STOPPED"}""");
        var described = await stack.Aws.EcsAsync("DescribeTasks", $$"""{"cluster": "{{LocalEcsStack.Cluster}}", "tasks": {{stopped["taskArns"]!.ToJsonString()}}}""");
        var crashed = described["tasks"]!.AsArray()
            .Where(t => t!["taskDefinitionArn"]!.GetValue<string>() == v2 && t["stoppedReason"]!.GetValue<string>() == "Essential container in task exited")
            .ToList();
        Assert.True(crashed.Count >= 3, $"{crashed.Count} tasks of the crashing revision stopped with 'Essential container in task exited'");
        Assert.All(crashed, t => Assert.Equal(3, t!["containers"]![0]!["exitCode"]!.GetValue<int>()));
        Assert.All(crashed, t => Assert.Equal("EssentialContainerExited", t!["stopCode"]!.GetValue<string>()));
    }

    /// <summary>A task container: host networking, its own address, the task's limits, labels tying it to cluster/service/task, Docker's health check.</summary>
    private static async Task AssertContainerShapeAsync(LocalEcsStack stack, string containerId)
    {
        using var docker = AutoPR.LocalEcs.Tasks.DockerClientFactory.Create(stack.Options.DockerHost);
        var container = await docker.Containers.InspectContainerAsync(containerId);
        Assert.Equal("host", container.HostConfig!.NetworkMode);
        Assert.Equal(1_000_000_000, container.HostConfig.NanoCPUs);
        Assert.Equal(512L * 1024 * 1024, container.HostConfig.Memory);
        Assert.Equal("autopr-local", container.Config!.Labels["autopr.localecs.cluster"]);
        Assert.Equal("autopr", container.Config.Labels["autopr.localecs.service"]);
        var address = container.Config.Labels["autopr.localecs.address"];
        Assert.Contains($"BIND_ADDRESS={address}", container.Config.Env);
        Assert.Contains("PORT=8000", container.Config.Env);
        Assert.Equal(["CMD", "/app/AutoPR.Service", "healthcheck"], container.Config.Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(1), container.Config.Healthcheck.Interval);
        var task = await stack.Aws.EcsAsync("DescribeTasks", $$"""{"cluster": "autopr-local", "tasks": ["{{container.Config.Labels["autopr.localecs.task"]}}"]}""");
        Assert.Equal(containerId, task["tasks"]![0]!["containers"]![0]!["runtimeId"]!.GetValue<string>());
        Assert.Equal("HEALTHY", task["tasks"]![0]!["healthStatus"]!.GetValue<string>());
    }
}
