using System.Net;
using System.Net.Sockets;

namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>
/// Ports for the tests' own local stack: the first run of free ones from a start, below Linux's ephemeral range
/// (32768 and up), so that no outgoing connection takes one between the choice and LocalEcs listening on it.
/// </summary>
internal static class FreePorts
{
    private const int EphemeralStart = 32768;

    public static int FirstFree(int from, int count = 1)
    {
        for (var port = from; port + count <= EphemeralStart; port++)
        {
            if (Enumerable.Range(port, count).All(IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No {count} free consecutive ports on 127.0.0.1 between {from} and {EphemeralStart}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
