namespace AutoPR.Deployment.Verification;

/// <summary>Probe results in a row.</summary>
internal sealed class ProbeTracker(int required, int maxFailures, string? expectedRevision)
{
    public int Required { get; } = required;

    public int MaxFailures { get; } = maxFailures;

    public string? ExpectedRevision { get; } = expectedRevision;

    public int GoodInRow { get; private set; }

    public int HealthFailuresInRow { get; private set; }

    public int VersionFailuresInRow { get; private set; }

    public string? LastHealth { get; private set; }

    public string? LastRevision { get; private set; }

    public void Add(bool healthy, string healthObserved, string? revision, string? versionObserved)
    {
        LastHealth = healthObserved;
        LastRevision = revision ?? versionObserved;
        HealthFailuresInRow = healthy ? 0 : HealthFailuresInRow + 1;
        var versionOk = ExpectedRevision is null || string.Equals(revision, ExpectedRevision, StringComparison.Ordinal);
        VersionFailuresInRow = versionOk ? 0 : VersionFailuresInRow + 1;
        GoodInRow = healthy && versionOk ? GoodInRow + 1 : 0;
    }

    /// <summary>One health (and /version) probe; completes the health or version check as failed after too many failures in a row.</summary>
    public async Task ProbeOnceAsync(VerificationRun run, HealthProbe probe, string when, CancellationToken cancellationToken)
    {
        var (healthy, healthObserved) = await probe.HealthAsync(cancellationToken).ConfigureAwait(false);
        string? revision = null;
        string? versionObserved = null;
        if (ExpectedRevision is not null)
        {
            (revision, versionObserved) = await probe.VersionAsync(cancellationToken).ConfigureAwait(false);
        }

        Add(healthy, healthObserved, revision, versionObserved);
        if (!healthy)
        {
            run.Observe($"{probe.HealthUrl}: {healthObserved}{when}");
        }

        if (HealthFailuresInRow >= MaxFailures)
        {
            run.Complete(new VerificationCheck(VerificationCheck.Health, CheckStatus.Failed,
                $"unhealthy {HealthFailuresInRow} times in a row{when}: {healthObserved}", $"{Required} healthy in a row at {probe.HealthUrl}"));
        }
        else if (VersionFailuresInRow >= MaxFailures)
        {
            run.Complete(new VerificationCheck(VerificationCheck.Version, CheckStatus.Failed,
                $"{versionObserved} ({VersionFailuresInRow} times in a row{when})", ExpectedRevision!, $"from {probe.VersionUrl}"));
        }
    }
}
