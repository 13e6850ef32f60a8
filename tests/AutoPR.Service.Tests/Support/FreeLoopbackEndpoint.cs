using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace AutoPR.Service.Tests.Support;

/// <summary>
/// A loopback address of its own (127.0.x.y, never 127.0.0.x, as LocalEcs gives each task) and a port that
/// was free on it a moment ago. Traffic never leaves 127.0.0.0/8.
/// </summary>
internal sealed record FreeLoopbackEndpoint(string Address, int Port)
{
    public string PortText => Port.ToString(CultureInfo.InvariantCulture);

    public Uri BaseUri => new($"http://{Address}:{PortText}");

    public static FreeLoopbackEndpoint Allocate()
    {
        var address = new IPAddress([127, 0, (byte)RandomNumberGenerator.GetInt32(1, 255), (byte)RandomNumberGenerator.GetInt32(1, 255)]);
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new FreeLoopbackEndpoint(address.ToString(), port);
    }
}
