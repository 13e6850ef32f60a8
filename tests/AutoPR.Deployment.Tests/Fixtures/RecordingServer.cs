using System.Net;
using System.Text;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) that records each request and answers from a script: the
/// stand-in for AWS APIs moto lacks (the service-deployment APIs), exercised over the real wire.
/// </summary>
public sealed class RecordingServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<RecordedRequest, int, HttpResponseMessage> _respond;
    private readonly List<RecordedRequest> _requests = [];
    private readonly Task _loop;

    public RecordingServer(Func<RecordedRequest, int, HttpResponseMessage> respond)
    {
        _respond = respond;
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            Endpoint = new Uri($"http://127.0.0.1:{port}/");
            // A listener whose Start failed is closed for good: each attempt needs a new one.
            var listener = new HttpListener();
            listener.Prefixes.Add(Endpoint.ToString());
            try
            {
                listener.Start();
                _listener = listener;
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between probing and binding: try another.
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; private set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Dispose()
    {
        // Close only: after Stop, Close unregisters the prefixes again, binding the port anew to do so, and fails when
        // another test's server has taken it meanwhile.
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal exception.
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

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
        {
            headers[name] = context.Request.Headers[name] ?? string.Empty;
        }

        var recorded = new RecordedRequest(new HttpMethod(context.Request.HttpMethod), context.Request.Url!, headers, body);
        int index;
        lock (_requests)
        {
            _requests.Add(recorded);
            index = _requests.Count - 1;
        }

        using var response = _respond(recorded, index);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers)
        {
            context.Response.Headers[header.Key] = string.Join(",", header.Value);
        }

        var bytes = response.Content is null ? [] : await response.Content.ReadAsByteArrayAsync();
        context.Response.ContentType = response.Content?.Headers.ContentType?.ToString() ?? "application/x-amz-json-1.1";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
