using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AutoPR.LocalEcs.Tests.Support;

/// <summary>
/// Another process's listener on a task address: answers every request with 200 and {"version":"foreign"}, like
/// another stack's healthy container would, and records the paths it was asked for.
/// </summary>
public sealed class ForeignHttpServer : IAsyncDisposable
{
    public const string Version = "foreign";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _paths = new();
    private readonly Task _loop;

    private ForeignHttpServer(TcpListener listener)
    {
        _listener = listener;
        _loop = Task.Run(AcceptAsync);
    }

    public IReadOnlyList<string> Paths => [.. _paths];

    /// <summary>Listens on address:port; fails when something already does.</summary>
    public static ForeignHttpServer Start(string address, int port)
    {
        var listener = new TcpListener(IPAddress.Parse(address), port);
        listener.Start();
        return new ForeignHttpServer(listener);
    }

    /// <summary>Whether nothing listens at address:port now (tried by binding, which a test may do: it owns no container).</summary>
    public static bool IsFree(string address, int port)
    {
        try
        {
            var probe = new TcpListener(IPAddress.Parse(address), port);
            probe.Start();
            probe.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The accept loop ends with the listener.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync(_stop.Token) ?? string.Empty;
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
                {
                    // Headers: not needed.
                }

                _paths.Enqueue(requestLine.Split(' ') is [_, var path, ..] ? path : requestLine);
                var body = $$"""{"version":"{{Version}}","status":"healthy"}""";
                var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
            }
            catch (Exception error) when (error is IOException or SocketException or OperationCanceledException)
            {
                // A client that went away.
            }
        }
    }
}
