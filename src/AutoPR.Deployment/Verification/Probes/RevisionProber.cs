namespace AutoPR.Deployment.Verification.Probes;

/// <summary>
/// Sends the probes: GET requests to the targets in turn, at the environment's rate, until stopped, until the run
/// lasted its maximum or the deployment's budget of requests is spent. Each answer goes to the scoreboard under
/// the revision its <see cref="RevisionHeader"/> names; the time counted is until the answer's headers arrived.
/// </summary>
internal sealed class RevisionProber(HttpClient http, IReadOnlyList<ProbeTarget> targets, Environments.ProbeSettings settings, RevisionScoreboard board, TimeProvider time, TimeSpan timeout)
    : IAsyncDisposable
{
    private const int MaxInFlight = 64;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _inFlight = new(MaxInFlight);
    private Task? _loop;

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

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
        var interval = TimeSpan.FromSeconds(1.0 / settings.RequestsPerSecond);
        var end = time.GetUtcNow().AddSeconds(settings.MaxSeconds);
        for (var next = 0; !cancellationToken.IsCancellationRequested && time.GetUtcNow() < end; next++)
        {
            // A full set of requests in flight skips a beat rather than queueing: the rate is an upper bound.
            if (await _inFlight.WaitAsync(0, cancellationToken).ConfigureAwait(false))
            {
                if (!board.TrySend(settings.MaxRequests))
                {
                    _inFlight.Release();
                    return;
                }

                _ = SendAsync(targets[next % targets.Count], cancellationToken);
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(ProbeTarget target, CancellationToken stop)
    {
        var started = time.GetTimestamp();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(target.Url, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            var revision = response.Headers.TryGetValues(RevisionHeader.Name, out var values) ? RevisionHeader.TaskDefinition(values.FirstOrDefault()) : null;
            var status = (int)response.StatusCode;
            board.Add(new ProbeAnswer(target.Route, revision, status, Elapsed(started), status == target.ExpectedStatus));
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException && !stop.IsCancellationRequested)
        {
            // No answer names no revision: counted, never charged to one.
            board.Add(new ProbeAnswer(target.Route, null, null, Elapsed(started), false));
        }
        catch (OperationCanceledException)
        {
            // The run stopped while this probe was in flight.
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;
}
