namespace AutoPR.Deployment.Verification;

/// <summary>
/// Sends GET requests at a steady rate to a URL until stopped, so a local stack without users produces load-balancer
/// metrics during the bake window. Answers are ignored: the metrics judge them.
/// </summary>
internal sealed class SyntheticTraffic(HttpClient http, Uri url, int requestsPerSecond, TimeProvider time) : IAsyncDisposable
{
    private const int MaxInFlight = 64;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _inFlight = new(MaxInFlight);
    private Task? _loop;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped, as asked.
            }
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1.0 / Math.Max(1, requestsPerSecond));
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await _inFlight.WaitAsync(0, cancellationToken).ConfigureAwait(false))
            {
                _ = SendAsync(cancellationToken);
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Failures show in the metrics (or in the health probes); nothing to do here.
        }
        finally
        {
            _inFlight.Release();
        }
    }
}
