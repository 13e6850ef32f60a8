using System.Net;

namespace AutoPR.LocalEcs.Tests.Support;

/// <summary>
/// Continuous HTTP load on a loopback listener, bounded in requests and time, counting every answer that
/// is not 200 and every failed request.
/// </summary>
public sealed class LoadGenerator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _failures = [];
    private int _succeeded;

    private LoadGenerator(Uri target, int maxRequests, TimeSpan maxDuration, int concurrency)
    {
        _stop.CancelAfter(maxDuration);
        _loop = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => RunAsync(target, maxRequests / concurrency)));
    }

    public int Succeeded => Volatile.Read(ref _succeeded);

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    public static LoadGenerator Start(Uri target, int maxRequests = 40_000, TimeSpan? maxDuration = null, int concurrency = 2) =>
        new(target, maxRequests, maxDuration ?? TimeSpan.FromMinutes(3), concurrency);

    /// <summary>Stops the load and waits for the requests in flight.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(Uri target, int maxRequests)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(10) }) { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < maxRequests && !_stop.IsCancellationRequested; i++)
        {
            try
            {
                using var response = await http.GetAsync(target, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref _succeeded);
                }
                else
                {
                    Fail($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} HTTP {(int)response.StatusCode}");
                }
            }
            catch (HttpRequestException error)
            {
                Fail($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {error.Message}");
            }
            catch (TaskCanceledException)
            {
                Fail($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} timeout");
            }

            await Task.Delay(2);
        }
    }

    private void Fail(string failure)
    {
        lock (_failures)
        {
            _failures.Add(failure);
        }
    }
}
