using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Verification.Probes;

namespace AutoPR.Deployment.Verification;

/// <summary>
/// Judges the new revision while it rolls out, on the probes' answers attributed to it (<see cref="RevisionJudge"/>):
/// route by route, against the revision it replaces, which the probes reach from the moment the watch begins. The old
/// revision's errors are never charged to the new one, and traffic on other routes never dilutes a broken route.
/// The judgement runs on every poll (it reads memory only); progress shows both revisions' figures every
/// <see cref="VerifierOptions.MetricsInterval"/>.
/// </summary>
public sealed class RevisionGuard : IRolloutGuard, IAsyncDisposable
{
    // Makes a prober that is already sending.
    private readonly Func<RevisionProber> _startProbes;
    private readonly RevisionScoreboard _board;
    private readonly RevisionJudge _judge;
    private readonly VerifierOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadOnlyCollection<string> _routes;
    private RevisionProber? _probes;
    private string? _revision;
    private DateTimeOffset _nextProgress = DateTimeOffset.MinValue;

    internal RevisionGuard(Func<RevisionProber> startProbes, RevisionScoreboard board, RevisionJudge judge, VerifierOptions options, TimeProvider time, IReadOnlyCollection<string> routes)
    {
        _routes = routes;
        _startProbes = startProbes;
        _board = board;
        _judge = judge;
        _options = options;
        _time = time;
    }

    /// <inheritdoc />
    public void Begin(string taskDefinitionArn)
    {
        _revision = TaskDefinitionRegistered.Label(taskDefinitionArn);
        _probes ??= _startProbes();
    }

    /// <inheritdoc />
    public Task<string?> CheckAsync(DateTimeOffset since, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        if (_revision is null)
        {
            return Task.FromResult<string?>(null);
        }

        var figures = _board.Figures();
        var now = _time.GetUtcNow();
        if (now >= _nextProgress)
        {
            _nextProgress = now + _options.MetricsInterval;
            progress?.Report(new VerificationObserved(now, "probes during the rollout: " + (figures.Count == 0 ? "no attributed answer yet" : RevisionJudge.Describe(figures))));
        }

        return Task.FromResult(_judge.FindBreach(figures, _revision)?.Message);
    }

    /// <inheritdoc />
    public bool HasJudgedEveryRoute() => _revision is not null && _judge.HasJudged(_board.Figures(), _revision, _routes);

    /// <summary>Stops the probes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_probes is not null)
        {
            await _probes.DisposeAsync().ConfigureAwait(false);
        }
    }
}
