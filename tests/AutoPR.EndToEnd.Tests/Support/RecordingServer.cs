using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>One request the recording server saw: enough to tell an AWS operation (X-Amz-Target) from anything else.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Target, string? Authorization)
{
    public override string ToString() => $"{Method} {Path} {Target ?? "(no X-Amz-Target)"}";
}

/// <summary>
/// A loopback HTTP server that records every request. Alone it refuses each one (HTTP 400 with an AWS-shaped error),
/// for tests that must prove nothing was called: the build's AWS endpoints point here, so even a bug could only
/// reach this recorder on 127.0.0.1. Given an upstream (moto_server on loopback), it forwards each request there and
/// relays the answer, for tests that must see which operations a run sent.
/// </summary>
public sealed class RecordingServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _loop;
    private readonly Uri? _upstream;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

    public RecordingServer(Uri? upstream = null)
    {
        _upstream = upstream;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void Dispose()
    {
        _forward.Dispose();
        // Close only: after Stop, Close unregisters the prefixes again, binding the port anew to do so, and fails when
        // another process has taken it meanwhile.
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener; nothing else to release.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var request = context.Request;
            _requests.Enqueue(new RecordedRequest(request.HttpMethod, request.Url?.AbsolutePath ?? "/", request.Headers["X-Amz-Target"], request.Headers["Authorization"]));
            if (_upstream is not null)
            {
                await ForwardAsync(context);
                continue;
            }

            var body = """{"__type":"AccessDeniedException","message":"recording server: no call was expected here"}"""u8.ToArray();
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_upstream!, request.Url!.PathAndQuery))
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var name in request.Headers.AllKeys.OfType<string>())
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    forward.Content.Headers.TryAddWithoutValidation(name, request.Headers[name]);
                }

                continue;
            }

            forward.Headers.TryAddWithoutValidation(name, request.Headers[name]);
        }

        try
        {
            using var answer = await _forward.SendAsync(forward);
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            await context.Response.OutputStream.WriteAsync(bytes);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = 502;
        }

        context.Response.Close();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
