using System.Globalization;
using AutoPR.Deployment.Environments;

namespace AutoPR.Deployment.Verification.Probes;

/// <summary>
/// Judges a new revision route by route on its own answers, never on another revision's. On each route it looks at
/// two kinds of bad answer: errors (a status the route does not expect) and answers slower than the p99 limit. The
/// new revision fails a route when its share of bad answers is above what the environment allows (the error-rate
/// limit; 1 % for slow answers, which is what "p99 above the limit" means) and it is clearly worse:
/// <list type="bullet">
/// <item>against the revision it replaces (of the others, the one that answered most on that route), when it answered
/// at least <see cref="ProbeSettings.MinimumSamples"/> times there: Fisher's exact test, one-sided;</item>
/// <item>else against the limit itself: the exact binomial test, one-sided.</item>
/// </list>
/// "Clearly" is p below 1 - <see cref="ProbeSettings.Confidence"/>, and no route is judged before the new revision
/// answered <see cref="ProbeSettings.MinimumSamples"/> times there. A new revision as bad as the old one is not
/// failed (rolling back would not help); one better than a broken old one passes.
/// </summary>
public sealed class RevisionJudge(VerificationSettings settings)
{
    /// <summary>The share of answers p99 lets be slower than the limit.</summary>
    private const double SlowShare = 0.01;

    private readonly ProbeSettings _probes = settings.Probes;

    private double Alpha => 1 - _probes.Confidence;

    /// <summary>Whether <paramref name="revision"/> answered at least the minimum sample size on each of <paramref name="routes"/>.</summary>
    public bool HasJudged(IReadOnlyList<RouteFigures> figures, string revision, IReadOnlyCollection<string> routes) =>
        routes.All(route => figures.Any(f => f.Revision == revision && f.Route == route && f.Answers >= _probes.MinimumSamples));

    /// <summary>
    /// The first breach of <paramref name="revision"/> (a "family:revision" label) in the figures, or null: route by
    /// route, then on all its routes together (<see cref="RouteFigures.AllRoutes"/>), which reaches a verdict sooner
    /// when the new revision gets a small share of the answers, as a canary does, and is broken on several routes.
    /// </summary>
    public RouteBreach? FindBreach(IReadOnlyList<RouteFigures> figures, string revision)
    {
        ArgumentNullException.ThrowIfNull(figures);
        foreach (var mine in figures.Where(f => f.Revision == revision && f.Answers >= _probes.MinimumSamples).OrderBy(f => f.Route, StringComparer.Ordinal))
        {
            // The revision it replaces: of the others, the one that answered most on this route.
            var baseline = figures.Where(f => f.Route == mine.Route && f.Revision != revision && f.Answers >= _probes.MinimumSamples)
                .OrderByDescending(f => f.Answers)
                .FirstOrDefault();
            if (JudgeBoth(mine, baseline) is { } breach)
            {
                return breach;
            }
        }

        if (Pooled(figures, revision) is not var (pooled, pooledBaseline) || JudgeBoth(pooled, pooledBaseline) is not { } together)
        {
            return null;
        }

        // Which routes the pooled figure is made of, so the failure still says where the answers went wrong.
        var slow = together.Signal != "error rate";
        var parts = string.Join(", ", figures.Where(f => f.Revision == revision).OrderBy(f => f.Route, StringComparer.Ordinal)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Route} {(slow ? f.SlowerThan(settings.MaxP99LatencyMs) : f.Unexpected)}/{f.Answers}")));
        return together with { Message = $"{together.Message} ({(slow ? "slow answers" : "errors")} per route: {parts})" };
    }

    /// <summary>
    /// Each revision's figures per route, for progress and reports:
    /// "autopr:42: / 0/35 p99 12 ms, /version 0/36 p99 4 ms; autopr:41: / 17/33 p99 10 ms, ...".
    /// </summary>
    public static string Describe(IReadOnlyList<RouteFigures> figures) =>
        string.Join("; ", figures.GroupBy(f => f.Revision).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: " + string.Join(", ", g.OrderBy(f => f.Route, StringComparer.Ordinal)
                .Select(f => $"{f.Route} {f.Unexpected}/{f.Answers} {f.P99Text}"))));

    private RouteBreach? JudgeBoth(RouteFigures mine, RouteFigures? baseline)
    {
        var limit = settings.MaxP99LatencyMs;
        return Judge(mine, baseline, "error rate", mine.Unexpected, settings.MaxErrorRate, baseline?.Unexpected)
            ?? Judge(mine, baseline, "p99 latency", mine.SlowerThan(limit), SlowShare, baseline?.SlowerThan(limit));
    }

    /// <summary>
    /// The revision's answers on all its routes together, and the replaced revision's (the other that answered most)
    /// on the same routes; only with two or more routes and, for the revision, at least the minimum sample size.
    /// </summary>
    private (RouteFigures Mine, RouteFigures? Baseline)? Pooled(IReadOnlyList<RouteFigures> figures, string revision)
    {
        var mine = figures.Where(f => f.Revision == revision).ToList();
        if (mine.Count < 2 || mine.Sum(f => f.Answers) < _probes.MinimumSamples)
        {
            return null;
        }

        var routes = mine.Select(f => f.Route).ToHashSet(StringComparer.Ordinal);
        var baseline = figures.Where(f => f.Revision != revision && routes.Contains(f.Route))
            .GroupBy(f => f.Revision)
            .Select(g => RouteFigures.Together(g.Key, [.. g]))
            .Where(f => f.Answers >= _probes.MinimumSamples)
            .OrderByDescending(f => f.Answers)
            .FirstOrDefault();
        return (RouteFigures.Together(revision, mine), baseline);
    }

    private RouteBreach? Judge(RouteFigures mine, RouteFigures? baseline, string signal, int bad, double allowed, int? baselineBad)
    {
        if ((double)bad / mine.Answers <= allowed)
        {
            return null;
        }

        var p = baseline is null
            ? ProportionTests.AboveRate(bad, mine.Answers, allowed)
            : ProportionTests.WorseThan(bad, mine.Answers, baselineBad!.Value, baseline.Answers);
        if (p >= Alpha)
        {
            return null;
        }

        var limit = signal == "error rate"
            ? string.Create(CultureInfo.InvariantCulture, $"max {settings.MaxErrorRate * 100:0.##} %")
            : string.Create(CultureInfo.InvariantCulture, $"max {settings.MaxP99LatencyMs} ms; {bad} of {mine.Answers} slower");
        var figure = signal == "error rate" ? mine.ErrorText : mine.LatencyText;
        var pText = p <= 1e-15 ? "< 1e-15" : "= " + (p < 0.0001 ? p.ToString("0.0e0", CultureInfo.InvariantCulture) : p.ToString("0.####", CultureInfo.InvariantCulture));
        var test = baseline is null
            ? string.Create(CultureInfo.InvariantCulture, $"no answers of an older revision to compare with; exact binomial test p {pText} < {Alpha:0.###}")
            : string.Create(CultureInfo.InvariantCulture, $"vs {(signal == "error rate" ? baseline.ErrorText : baseline.LatencyText)} on {baseline.Revision}; Fisher's exact test p {pText} < {Alpha:0.###}");
        return new RouteBreach(mine.Revision, mine.Route, signal, mine, baseline,
            $"{signal} of {mine.Revision} on {(mine.Route == RouteFigures.AllRoutes ? "all routes together" : "GET " + mine.Route)}: {figure} ({limit}), {test}");
    }
}

/// <summary>A route on which the new revision is clearly worse: which revision, route and signal, and both revisions' figures.</summary>
public sealed record RouteBreach(string Revision, string Route, string Signal, RouteFigures Figures, RouteFigures? Baseline, string Message);
