using System.Net;

namespace AutoPR.LocalEcs.Ports;

/// <summary>A TCP socket in the LISTEN state: the address and port it is bound to, and its inode (how processes refer to it).</summary>
public sealed record ListeningSocket(IPAddress Address, int Port, long Inode)
{
    /// <summary>Bound to every address (0.0.0.0 or ::): it takes connections to any address on its port that no exact bind claims.</summary>
    public bool IsWildcard => Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any);
}
