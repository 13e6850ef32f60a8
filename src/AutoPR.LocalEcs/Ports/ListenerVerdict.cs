namespace AutoPR.LocalEcs.Ports;

/// <summary>Whose listener answers at a task's address and port.</summary>
public enum ListenerOwner
{
    /// <summary>A process of the task's own containers holds the listening socket.</summary>
    Task,

    /// <summary>Another process holds it: another stack's container, or anything else on the machine.</summary>
    Foreign,

    /// <summary>Nothing listens there, or what holds the socket cannot be seen (LocalEcs not running as root).</summary>
    Unknown,
}

/// <summary>The answer of <see cref="PortHolders.Ownership"/>; <see cref="Holder"/> is set for a foreign listener.</summary>
public sealed record ListenerVerdict(ListenerOwner Owner, PortHolder? Holder = null)
{
    public static readonly ListenerVerdict Own = new(ListenerOwner.Task);

    public static readonly ListenerVerdict Unknown = new(ListenerOwner.Unknown);
}
