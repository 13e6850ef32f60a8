using System.Globalization;

namespace AutoPR.LocalEcs.Metrics;

/// <summary>CloudWatch statistics over one period's values: Sum, Average, SampleCount, Minimum, Maximum, pNN.</summary>
public static class MetricStatistics
{
    public static bool IsSupported(string stat) =>
        stat is "Sum" or "Average" or "SampleCount" or "Minimum" or "Maximum" || Percentile(stat) is not null;

    public static double Compute(string stat, IReadOnlyList<double> values) => stat switch
    {
        "Sum" => values.Sum(),
        "Average" => values.Average(),
        "SampleCount" => values.Count,
        "Minimum" => values.Min(),
        "Maximum" => values.Max(),
        _ => PercentileOf(values, Percentile(stat) ?? throw new ArgumentException($"Unsupported statistic {stat}.", nameof(stat))),
    };

    private static double? Percentile(string stat) =>
        stat.Length > 1 && stat[0] == 'p' && double.TryParse(stat[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 100
            ? p
            : null;

    /// <summary>Nearest-rank percentile, the definition CloudWatch documents for raw data.</summary>
    private static double PercentileOf(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
