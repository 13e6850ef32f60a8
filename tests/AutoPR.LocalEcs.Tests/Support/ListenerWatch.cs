using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Tests.Support;

/// <summary>Asks a load-balancer listener for /version every 100 ms and keeps every version that answered 200.</summary>
public sealed class ListenerWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _versions = new(StringComparer.Ordinal);
    private readonly Task _loop;

    private ListenerWatch(Uri listener) => _loop = Task.Run(() => WatchAsync(new Uri(listener, "/version")));

    public IReadOnlySet<string> Versions
    {
        get
        {
            lock (_versions)
            {
                return new HashSet<string>(_versions, StringComparer.Ordinal);
            }
        }
    }

    public static ListenerWatch Start(Uri listener) => new(listener);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task WatchAsync(Uri version)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(version, _stop.Token);
                if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync(_stop.Token))?["version"]?.GetValue<string>() is { } answered)
                {
                    lock (_versions)
                    {
                        _versions.Add(answered);
                    }
                }

                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or JsonException)
            {
                // A connection the listener closed or a timeout: nothing answered. Try again shortly.
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }
}
