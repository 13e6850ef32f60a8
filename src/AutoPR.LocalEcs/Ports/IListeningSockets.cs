namespace AutoPR.LocalEcs.Ports;

/// <summary>The machine's listening TCP sockets. /proc/net/tcp in LocalEcs; a list in tests.</summary>
public interface IListeningSockets
{
    IReadOnlyList<ListeningSocket> Snapshot();
}
