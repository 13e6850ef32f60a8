using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.StateMachine;

/// <summary>Tasks beside other processes on the host's network, over fakes: addresses avoid their ports, and a container that could not listen says why.</summary>
public sealed class PortConflictTests : IDisposable
{
    private readonly EcsHarness _ecs = new();

    public void Dispose() => _ecs.Dispose();

    [Fact]
    public async Task A_task_gets_an_address_where_nothing_listens_on_its_port_and_a_container_that_could_not_listen_names_the_holder()
    {
        // Another stack's task listens on 127.0.1.1:8000, the address this LocalEcs's first task would have had.
        _ecs.Sockets.Listen("127.0.1.1", 8000, inode: 11);
        _ecs.Processes.Add(4242, "pid:[other-stack-1]", "AutoPR.Service", 11);
        _ecs.Runtime.Behaviour = (_, _) => FakeOutcome.Crashes;
        await _ecs.CreateServiceAsync(await _ecs.RegisterAsync("app:1"), desired: 1);

        await _ecs.StepAsync();
        var first = Assert.Single(await _ecs.LiveTasksAsync());
        Assert.Equal("127.0.1.2", first.Address);

        // The other stack takes that address too before the container listens (both allocated at once), and the container exits.
        _ecs.Sockets.Listen("127.0.1.2", 8000, inode: 12);
        _ecs.Processes.Add(4343, "pid:[other-stack-2]", "AutoPR.Service", 12);
        await _ecs.StepAsync();

        var stopped = await _ecs.Store.ReadAsync(s => s.Tasks[first.Id], CancellationToken.None);
        Assert.Equal("STOPPED", stopped.DesiredStatus);
        Assert.Equal("Essential container in task exited", stopped.StoppedReason);
        Assert.Equal(3, stopped.Containers[0].ExitCode);
        Assert.Equal("127.0.1.2:8000 is held by another process (pid 4343, AutoPR.Service), so the container could not listen on its port", stopped.Containers[0].Reason);

        // The replacement avoids both busy addresses; its crash has no holder to name, so no reason is made up.
        Ecs.Model.TaskRecord? second = null;
        for (var pass = 0; pass < 60 && second?.Containers[0].ExitCode is null; pass++)
        {
            await _ecs.StepAsync();
            second = await _ecs.Store.ReadAsync(s => s.Tasks.Values.FirstOrDefault(t => t.Id != first.Id), CancellationToken.None);
        }

        Assert.NotNull(second?.Containers[0].ExitCode);
        Assert.Equal("127.0.1.3", second.Address);
        Assert.Null(second.Containers[0].Reason);
    }
}
