namespace AutoPR.Deployment.Verification.Probes;

/// <summary>
/// Every probe answer of a deployment, by revision and route. Thread-safe: probes answer concurrently while the judge
/// reads. One scoreboard lives as long as the deployments of one environment in this process, so Verify judges a
/// new revision against the old one's answers from the rollout.
/// </summary>
public sealed class RevisionScoreboard
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Revision, string Route), Tally> _tallies = [];

    /// <summary>Probes sent (answered or not); the environment's maxRequests bounds it.</summary>
    public int Sent { get; private set; }

    /// <summary>Answers no revision claimed (the load balancer's own errors, timeouts, refused connections).</summary>
    public int Unattributed { get; private set; }

    /// <summary>Counts a probe before it is sent; false once <paramref name="budget"/> probes were sent.</summary>
    public bool TrySend(int budget)
    {
        lock (_gate)
        {
            if (Sent >= budget)
            {
                return false;
            }

            Sent++;
            return true;
        }
    }

    public void Add(ProbeAnswer answer)
    {
        lock (_gate)
        {
            if (answer.Revision is not { } revision)
            {
                Unattributed++;
                return;
            }

            if (!_tallies.TryGetValue((revision, answer.Route), out var tally))
            {
                _tallies[(revision, answer.Route)] = tally = new Tally();
            }

            tally.Milliseconds.Add(answer.Milliseconds);
            tally.Unexpected += answer.AsExpected ? 0 : 1;
        }
    }

    /// <summary>A snapshot: one entry per revision and route that answered.</summary>
    public IReadOnlyList<RouteFigures> Figures()
    {
        lock (_gate)
        {
            return [.. _tallies.Select(t => new RouteFigures(t.Key.Revision, t.Key.Route, t.Value.Milliseconds.Count, t.Value.Unexpected, [.. t.Value.Milliseconds.Order()]))];
        }
    }

    private sealed class Tally
    {
        public List<double> Milliseconds { get; } = [];

        public int Unexpected { get; set; }
    }
}
