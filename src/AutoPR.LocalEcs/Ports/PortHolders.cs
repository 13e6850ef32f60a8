using System.Globalization;
using System.Net;

namespace AutoPR.LocalEcs.Ports;

/// <summary>
/// Who listens at an address and port of this machine. Tasks share the host's network, each on its own
/// loopback address and the same container port, so another stack's container (or any process) can hold a
/// task's address and port; LocalEcs uses these answers to avoid such addresses and to tell a task's own
/// listener from someone else's.
/// </summary>
public sealed class PortHolders(IListeningSockets sockets, IProcessTable processes)
{
    /// <summary>The addresses where something listens on one of <paramref name="ports"/>, bound to exactly that address.</summary>
    /// <remarks>Wildcard listeners (0.0.0.0, ::) hold the port on every address alike; no choice of address avoids them.</remarks>
    public IReadOnlySet<string> AddressesListeningOn(IReadOnlyCollection<int> ports)
    {
        if (ports.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        return sockets.Snapshot()
            .Where(s => !s.IsWildcard && ports.Contains(s.Port))
            .Select(s => s.Address.ToString())
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A process that holds the listener at <paramref name="address"/>:<paramref name="port"/>; null when nothing listens or no holder can be seen.</summary>
    public PortHolder? HolderOf(string address, int port) =>
        Accepting(address, port) is { } socket ? FirstHolder(socket.Inode) : null;

    /// <summary>Whether the listener at <paramref name="address"/>:<paramref name="port"/> belongs to the task whose containers' processes are <paramref name="taskProcesses"/>.</summary>
    /// <param name="taskProcesses">Host pids of the task's containers (their init processes); empty when the task has no running container.</param>
    public ListenerVerdict Ownership(string address, int port, IReadOnlyCollection<int> taskProcesses)
    {
        if (Accepting(address, port) is not { } socket)
        {
            return ListenerVerdict.Unknown;
        }

        // Every container has its own PID namespace (LocalEcs never shares the host's), so a process of the
        // task is one in the namespace of one of its containers. Only those are searched for the socket first.
        var namespaces = taskProcesses.Select(processes.PidNamespace).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (namespaces.Count > 0 && processes.ProcessIds().Any(pid =>
                processes.PidNamespace(pid) is { } ns && namespaces.Contains(ns) && processes.HoldsSocket(pid, socket.Inode)))
        {
            return ListenerVerdict.Own;
        }

        return FirstHolder(socket.Inode) is { } holder ? new ListenerVerdict(ListenerOwner.Foreign, holder) : ListenerVerdict.Unknown;
    }

    /// <summary>
    /// The socket a connection to address:port reaches: the one bound to that address, else a wildcard one
    /// (the kernel prefers the exact bind; an IPv4 wildcard before an IPv6 one, which takes IPv4 only when dual-stack).
    /// </summary>
    public static ListeningSocket? Accepting(IEnumerable<ListeningSocket> listening, IPAddress address, int port)
    {
        var candidates = listening.Where(s => s.Port == port).ToList();
        return candidates.FirstOrDefault(s => s.Address.Equals(address))
            ?? candidates.FirstOrDefault(s => s.Address.Equals(IPAddress.Any))
            ?? candidates.FirstOrDefault(s => s.Address.Equals(IPAddress.IPv6Any));
    }

    private ListeningSocket? Accepting(string address, int port) =>
        IPAddress.TryParse(address, out var parsed) ? Accepting(sockets.Snapshot(), parsed, port) : null;

    private PortHolder? FirstHolder(long inode)
    {
        foreach (var pid in processes.ProcessIds())
        {
            if (processes.HoldsSocket(pid, inode))
            {
                return new PortHolder(pid, processes.Command(pid));
            }
        }

        return null;
    }

    /// <summary>"127.0.1.1:8000".</summary>
    public static string Endpoint(string address, int port) => $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";
}
