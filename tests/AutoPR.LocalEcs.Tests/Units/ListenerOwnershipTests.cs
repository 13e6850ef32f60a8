using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Ports;
using AutoPR.LocalEcs.Tasks;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.Units;

/// <summary>
/// Whose listener a target's health check reached, over fake sockets and processes. The task's container runs
/// with init pid 500 in PID namespace "pid:[task]"; the host's processes are in "pid:[host]".
/// </summary>
public sealed class ListenerOwnershipTests
{
    private const string Address = "127.0.1.1";
    private const int Port = 8000;

    private readonly FakeListeningSockets _sockets = new();
    private readonly FakeProcessTable _processes = new FakeProcessTable()
        .Add(1, "pid:[host]", "systemd")
        .Add(500, "pid:[task]", "AutoPR.Service");

    private PortHolders Ports => new(_sockets, _processes);

    [Fact]
    public void A_listener_held_by_a_process_of_the_task_s_container_is_the_task_s_own()
    {
        _sockets.Listen(Address, Port, inode: 7);
        _processes.Add(501, "pid:[task]", "AutoPR.Service", 7); // a child of the container's init holds it: same namespace

        Assert.Equal(ListenerVerdict.Own, Ports.Ownership(Address, Port, [500]));
    }

    [Fact]
    public void A_listener_held_by_any_other_process_is_foreign_and_names_it()
    {
        _sockets.Listen(Address, Port, inode: 7);
        _processes.Add(4242, "pid:[other-stack]", "AutoPR.Service", 7);

        var verdict = Ports.Ownership(Address, Port, [500]);

        Assert.Equal(ListenerOwner.Foreign, verdict.Owner);
        Assert.Equal("pid 4242, AutoPR.Service", verdict.Holder!.ToString());
    }

    [Fact]
    public void A_wildcard_listener_answers_for_the_address_unless_something_is_bound_to_it_exactly()
    {
        _sockets.Listen("0.0.0.0", Port, inode: 9);
        _processes.Add(77, "pid:[host]", "python3", 9);

        Assert.Equal(new ListenerVerdict(ListenerOwner.Foreign, new PortHolder(77, "python3")), Ports.Ownership(Address, Port, [500]));

        _sockets.Listen(Address, Port, inode: 7);
        _processes.Add(501, "pid:[task]", "AutoPR.Service", 7);
        Assert.Equal(ListenerVerdict.Own, Ports.Ownership(Address, Port, [500]));
    }

    [Fact]
    public void With_no_running_container_whoever_listens_is_foreign()
    {
        _sockets.Listen(Address, Port, inode: 7);
        _processes.Add(4242, "pid:[other-stack]", "dotnet", 7);

        Assert.Equal(ListenerOwner.Foreign, Ports.Ownership(Address, Port, []).Owner);
    }

    [Fact]
    public void Nothing_listening_or_a_holder_that_cannot_be_seen_is_unknown_not_foreign()
    {
        Assert.Equal(ListenerVerdict.Unknown, Ports.Ownership(Address, Port, [500]));

        _sockets.Listen(Address, Port, inode: 7); // held by a process whose descriptors LocalEcs may not read
        Assert.Equal(ListenerVerdict.Unknown, Ports.Ownership(Address, Port, [500]));
        Assert.Null(Ports.HolderOf(Address, Port));
    }

    [Fact]
    public async Task A_target_reached_at_another_process_s_listener_gets_a_failure_naming_it_and_its_own_or_an_unknown_one_none()
    {
        _sockets.Listen(Address, Port, inode: 7);
        _processes.Add(4242, "pid:[other-stack]", "AutoPR.Service", 7);
        var target = new Target("task-1", Address, Port);

        var foreign = await new TargetOwnership(Ports, new FakeTaskProcesses([500])).ForeignListenerAsync(target, CancellationToken.None);
        var dockerCannotSay = await new TargetOwnership(Ports, new FakeTaskProcesses(null)).ForeignListenerAsync(target, CancellationToken.None);
        _processes.Add(501, "pid:[task]", "AutoPR.Service", 7);
        var own = await new TargetOwnership(Ports, new FakeTaskProcesses([500])).ForeignListenerAsync(target, CancellationToken.None);

        Assert.Equal("Health checks failed: the listener at 127.0.1.1:8000 belongs to another process (pid 4242, AutoPR.Service), not this task's container", foreign);
        Assert.Null(dockerCannotSay);
        Assert.Null(own);
    }

    private sealed class FakeTaskProcesses(IReadOnlyList<int>? pids) : ITaskProcesses
    {
        public Task<IReadOnlyList<int>?> InitProcessesAsync(string taskId, CancellationToken cancellationToken) => Task.FromResult(pids);
    }
}
