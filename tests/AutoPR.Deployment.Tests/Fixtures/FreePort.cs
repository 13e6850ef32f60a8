using System.Net;
using System.Net.Sockets;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>A free TCP port on 127.0.0.1 (the only address test servers bind to).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
