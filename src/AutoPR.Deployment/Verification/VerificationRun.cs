using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Verification;

/// <summary>The checks decided so far; reports each verdict as it is reached.</summary>
internal sealed class VerificationRun(TimeProvider time, IProgress<DeploymentEvent>? progress)
{
    private static readonly string[] Order =
        [VerificationCheck.Rollout, VerificationCheck.Health, VerificationCheck.Version, VerificationCheck.Probes, VerificationCheck.ErrorRate, VerificationCheck.Latency];

    private readonly Dictionary<string, VerificationCheck> _checks = new(StringComparer.Ordinal);
    private string? _lastObservation;

    public bool Failed => _checks.Values.Any(c => c.Status == CheckStatus.Failed);

    public int MinimumRequests { get; init; } = 20;

    public void Complete(VerificationCheck check)
    {
        if (_checks.TryGetValue(check.Name, out var existing) && existing.Status == CheckStatus.Failed)
        {
            return;
        }

        var decided = check with { DecidedAt = time.GetUtcNow() };
        _checks[check.Name] = decided;
        progress?.Report(new VerificationCheckCompleted(decided.DecidedAt!.Value, decided));
    }

    public void Observe(string text)
    {
        if (!string.Equals(text, _lastObservation, StringComparison.Ordinal))
        {
            _lastObservation = text;
            progress?.Report(new VerificationObserved(time.GetUtcNow(), text));
        }
    }

    public List<VerificationCheck> ChecksInOrder() =>
        Order.Select(name => _checks.TryGetValue(name, out var check)
            ? check
            : new VerificationCheck(name, CheckStatus.NotRun, "not run", "-", "an earlier check failed")).ToList();
}
