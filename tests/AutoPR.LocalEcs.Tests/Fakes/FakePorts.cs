using System.Net;
using AutoPR.LocalEcs.Ports;

namespace AutoPR.LocalEcs.Tests.Fakes;

/// <summary>Listening sockets the test declares; none unless it adds some.</summary>
public sealed class FakeListeningSockets : IListeningSockets
{
    public List<ListeningSocket> Sockets { get; } = [];

    public FakeListeningSockets Listen(string address, int port, long inode)
    {
        Sockets.Add(new ListeningSocket(IPAddress.Parse(address), port, inode));
        return this;
    }

    public IReadOnlyList<ListeningSocket> Snapshot() => [.. Sockets];
}

/// <summary>Processes the test declares: a PID namespace, a command name and the socket inodes each holds.</summary>
public sealed class FakeProcessTable : IProcessTable
{
    private readonly Dictionary<int, (string Namespace, string Command, HashSet<long> Sockets)> _processes = [];

    public FakeProcessTable Add(int pid, string pidNamespace, string command, params long[] sockets)
    {
        _processes[pid] = (pidNamespace, command, [.. sockets]);
        return this;
    }

    public IReadOnlyList<int> ProcessIds() => [.. _processes.Keys];

    public string? PidNamespace(int pid) => _processes.TryGetValue(pid, out var p) ? p.Namespace : null;

    public bool HoldsSocket(int pid, long inode) => _processes.TryGetValue(pid, out var p) && p.Sockets.Contains(inode);

    public string? Command(int pid) => _processes.TryGetValue(pid, out var p) ? p.Command : null;
}
