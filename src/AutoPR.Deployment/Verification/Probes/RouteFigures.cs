using System.Globalization;

namespace AutoPR.Deployment.Verification.Probes;

/// <summary>What one revision's answers on one route add up to.</summary>
public sealed record RouteFigures(string Revision, string Route, int Answers, int Unexpected, IReadOnlyList<double> SortedMilliseconds)
{
    /// <summary>The route of a revision's figures on all its routes together.</summary>
    public const string AllRoutes = "*";

    /// <summary>One revision's figures on several routes, added up.</summary>
    public static RouteFigures Together(string revision, IReadOnlyList<RouteFigures> routes) =>
        new(revision, AllRoutes, routes.Sum(r => r.Answers), routes.Sum(r => r.Unexpected), [.. routes.SelectMany(r => r.SortedMilliseconds).Order()]);

    /// <summary>Unexpected answers per answer.</summary>
    public double ErrorRate => Answers == 0 ? 0 : (double)Unexpected / Answers;

    /// <summary>Nearest-rank p99 of the answer times, as CloudWatch defines it for raw data; null without answers.</summary>
    public double? P99 => SortedMilliseconds.Count == 0 ? null : SortedMilliseconds[Math.Clamp((int)Math.Ceiling(0.99 * SortedMilliseconds.Count) - 1, 0, SortedMilliseconds.Count - 1)];

    /// <summary>Answers slower than <paramref name="milliseconds"/>.</summary>
    public int SlowerThan(double milliseconds)
    {
        var index = SortedMilliseconds.Count;
        while (index > 0 && SortedMilliseconds[index - 1] > milliseconds)
        {
            index--;
        }

        return SortedMilliseconds.Count - index;
    }

    /// <summary>"4 % (2 of 50)".</summary>
    public string ErrorText => string.Create(CultureInfo.InvariantCulture, $"{ErrorRate * 100:0.#} % ({Unexpected} of {Answers})");

    /// <summary>"12 ms", or "-" without answers.</summary>
    public string LatencyText => P99 is { } p99 ? string.Create(CultureInfo.InvariantCulture, $"{p99:0} ms") : "-";

    /// <summary>"p99 12 ms".</summary>
    public string P99Text => "p99 " + LatencyText;
}
