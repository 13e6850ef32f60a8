using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Ports;
using AutoPR.LocalEcs.Tasks;
using AutoPR.LocalEcs.Tests.Support;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>
/// LocalEcs beside other listeners on the same host network: a second stack, or any process on a task address.
/// Whatever else runs on this machine (the main job's stack, say) is part of the ground and must not matter.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SideBySideTests
{
    private const int ContainerPort = 8000;

    [Fact]
    public async Task Two_stacks_on_one_machine_each_answer_only_with_their_own_revision()
    {
        await using var first = await LocalEcsStack.StartAsync();
        await first.CreateServiceAsync(await first.RegisterAsync("1.0.0-first"), desired: 2);
        Assert.Equal("SUCCESSFUL", (await first.WaitForServiceDeploymentAsync())["status"]!.GetValue<string>());
        await using var firstWatch = ListenerWatch.Start(first.Listener);

        // The second stack knows nothing of the first's tasks: its own state directory, API port and listener.
        // Its listener is watched from before its first task starts: it must never answer with the first's revision,
        // not even for a moment while its own containers start.
        await using var second = await LocalEcsStack.StartAsync();
        await using var secondWatch = ListenerWatch.Start(second.Listener);
        await second.CreateServiceAsync(await second.RegisterAsync("2.0.0-second"), desired: 2);
        Assert.Equal("SUCCESSFUL", (await second.WaitForServiceDeploymentAsync())["status"]!.GetValue<string>());
        Assert.Equal("2.0.0-second", await second.VersionThroughListenerAsync());
        await second.UpdateServiceAsync(await second.RegisterAsync("2.1.0-second"));
        Assert.Equal("SUCCESSFUL", (await second.WaitForServiceDeploymentAsync())["status"]!.GetValue<string>());

        var firstAddresses = (await first.TasksAsync()).Select(t => t.Address).ToList();
        var secondAddresses = (await second.TasksAsync()).Select(t => t.Address).ToList();
        Assert.Equal(2, firstAddresses.Count);
        Assert.Equal(2, secondAddresses.Count);
        Assert.Empty(firstAddresses.Intersect(secondAddresses));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("1.0.0-first", await first.VersionThroughListenerAsync());
            Assert.Equal("2.1.0-second", await second.VersionThroughListenerAsync());
        }

        Assert.Equal(["1.0.0-first"], firstWatch.Versions);
        Assert.Subset(new HashSet<string>(StringComparer.Ordinal) { "2.0.0-second", "2.1.0-second" }, secondWatch.Versions.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_process_already_listening_on_the_next_task_address_is_skipped_and_never_reached()
    {
        // On a machine where nothing else runs this is 127.0.1.1, the address LocalEcs used to give the first task
        // whatever listened there; beside another stack it is the first address that stack left free.
        var next = new TaskAddressAllocator(new PortHolders(new ProcNetTcp(), new ProcProcessTable())).Next(new HashSet<string>(StringComparer.Ordinal), [ContainerPort]);
        await using var foreign = ForeignHttpServer.Start(next, ContainerPort);
        await using var stack = await LocalEcsStack.StartAsync();

        await stack.CreateServiceAsync(await stack.RegisterAsync("1.0.0"), desired: 2);

        Assert.Equal("SUCCESSFUL", (await stack.WaitForServiceDeploymentAsync())["status"]!.GetValue<string>());
        Assert.DoesNotContain(next, (await stack.TasksAsync()).Select(t => t.Address));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("1.0.0", await stack.VersionThroughListenerAsync());
        }

        Assert.Empty(foreign.Paths);
    }

    [Fact]
    public async Task A_task_whose_address_another_process_takes_before_its_container_listens_never_serves_and_stops_naming_the_holder()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        await stack.CreateServiceAsync(await stack.RegisterAsync("1.0.0", """, {"name": "AUTOPR_FAULT_START_DELAY_SECONDS", "value": "4"}"""), desired: 1);
        await using var watch = ListenerWatch.Start(stack.Listener);

        // Another process takes the task's address and port while its container waits to listen, as another stack
        // allocating at the same moment could: LocalEcs cannot avoid that race, only refuse to be fooled by it.
        var first = await WaitForAsync(async () => (await stack.TasksAsync()).Select(t => new SeenTask(t.Id, t.Address)).FirstOrDefault(), "the first task");
        var (taskId, address) = first;
        await using var foreign = ForeignHttpServer.Start(address, ContainerPort);

        var stopped = await WaitForAsync(() => StoppedTaskAsync(stack, taskId), "the first task to stop");
        var deployment = await stack.WaitForServiceDeploymentAsync();

        // The load balancer checked the foreign listener (and it answered 200), but the target never became healthy,
        // and no request went to it, not even failing open.
        Assert.Contains("/health", foreign.Paths);
        Assert.DoesNotContain(ForeignHttpServer.Version, watch.Versions);
        Assert.Equal("Essential container in task exited", stopped["stoppedReason"]!.GetValue<string>());
        var container = stopped["containers"]![0]!;
        Assert.Equal(1, container["exitCode"]!.GetValue<int>());
        Assert.StartsWith($"{address}:{ContainerPort} is held by another process (pid {Environment.ProcessId}", container["reason"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("so the container could not listen on its port", container["reason"]?.GetValue<string>(), StringComparison.Ordinal);

        // The replacement got another address and serves.
        Assert.Equal("SUCCESSFUL", deployment["status"]!.GetValue<string>());
        Assert.DoesNotContain(address, (await stack.TasksAsync()).Select(t => t.Address));
        Assert.Equal("1.0.0", await stack.VersionThroughListenerAsync());
    }

    private sealed record SeenTask(string Id, string Address);

    private static async Task<JsonObject?> StoppedTaskAsync(LocalEcsStack stack, string taskId)
    {
        var described = await stack.Aws.EcsAsync("DescribeTasks", $$"""{"cluster": "{{LocalEcsStack.Cluster}}", "tasks": ["{{taskId}}"]}""");
        return described["tasks"]!.AsArray().FirstOrDefault() is JsonObject task && task["lastStatus"]!.GetValue<string>() == "STOPPED" ? task : null;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
