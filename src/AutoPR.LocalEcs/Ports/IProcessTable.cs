namespace AutoPR.LocalEcs.Ports;

/// <summary>The machine's processes as far as socket ownership needs them. /proc in LocalEcs; a dictionary in tests.</summary>
public interface IProcessTable
{
    IReadOnlyList<int> ProcessIds();

    /// <summary>The process's PID namespace ("pid:[4026532]"); null when it is gone or not readable.</summary>
    string? PidNamespace(int pid);

    /// <summary>Whether one of the process's file descriptors is the socket with this inode.</summary>
    bool HoldsSocket(int pid, long inode);

    /// <summary>The process's command name; null when it is gone or not readable.</summary>
    string? Command(int pid);
}
