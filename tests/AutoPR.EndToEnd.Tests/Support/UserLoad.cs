using System.Collections.Concurrent;
using System.Diagnostics;

namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>
/// Steady users through the load balancer's listener, on a mix of routes (each route's weight is its share of the
/// requests): what a deployment's judgement has to see through. Counts the answers per route and status, and notes
/// when the first 5xx arrived.
/// </summary>
public sealed class UserLoad : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<(string Route, int Status), int> _answers = new();
    private readonly ConcurrentDictionary<string, int> _byRevision = new(StringComparer.Ordinal);
    private readonly List<Task> _workers = [];
    private long _firstFailure;

    private UserLoad()
    {
    }

    /// <summary>The moment (Stopwatch timestamp) the first 5xx or failed request came back; 0 before.</summary>
    public long FirstFailureTimestamp => Interlocked.Read(ref _firstFailure);

    /// <summary>Starts <paramref name="requestsPerSecond"/> requests a second to <paramref name="listener"/>, spread over <paramref name="mix"/>.</summary>
    public static UserLoad Start(Uri listener, int requestsPerSecond, params (string Route, int Weight)[] mix)
    {
        var load = new UserLoad();
        var routes = mix.SelectMany(m => Enumerable.Repeat(m.Route, m.Weight)).ToArray();
        const int Workers = 8;
        var interval = TimeSpan.FromSeconds(Workers / (double)requestsPerSecond);
        for (var worker = 0; worker < Workers; worker++)
        {
            var offset = worker;
            load._workers.Add(Task.Run(() => load.RunAsync(listener, routes, offset, interval, load._stop.Token)));
        }

        return load;
    }

    /// <summary>Answers with <paramref name="status"/> (0: no answer) on <paramref name="route"/> so far.</summary>
    public int Count(string route, Func<int, bool> status) => _answers.Where(a => a.Key.Route == route && status(a.Key.Status)).Sum(a => a.Value);

    public int Total => _answers.Values.Sum();

    /// <summary>Answers so far per revision their X-AutoPR-Revision header names ("autopr-local:7"; "" for none).</summary>
    public IReadOnlyDictionary<string, int> ByRevision => new Dictionary<string, int>(_byRevision, StringComparer.Ordinal);

    public string Describe() => string.Join(", ", _answers.OrderBy(a => a.Key.Route, StringComparer.Ordinal).ThenBy(a => a.Key.Status).Select(a => $"{a.Key.Route} {a.Key.Status}: {a.Value}"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_workers);
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        _stop.Dispose();
        _http.Dispose();
    }

    private async Task RunAsync(Uri listener, string[] routes, int offset, TimeSpan interval, CancellationToken stop)
    {
        for (var i = offset; !stop.IsCancellationRequested; i += 8)
        {
            var route = routes[i % routes.Length];
            var status = 0;
            try
            {
                using var response = await _http.GetAsync(new Uri(listener, route), stop);
                status = (int)response.StatusCode;
                _byRevision.AddOrUpdate(RevisionOf(response), 1, (_, n) => n + 1);
            }
            catch (HttpRequestException)
            {
                // Counted as status 0: no answer.
            }
            catch (TaskCanceledException) when (!stop.IsCancellationRequested)
            {
                // A timeout: no answer either.
            }

            if (stop.IsCancellationRequested)
            {
                return;
            }

            _answers.AddOrUpdate((route, status), 1, (_, n) => n + 1);
            if (status is 0 or >= 500)
            {
                Interlocked.CompareExchange(ref _firstFailure, Stopwatch.GetTimestamp(), 0);
            }

            await Task.Delay(interval, stop);
        }
    }

    private static string RevisionOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-AutoPR-Revision", out var values) && values.FirstOrDefault() is { } value
            ? value.Split(';')[0].Replace("task-definition=", "", StringComparison.Ordinal).Trim()
            : "";
}
