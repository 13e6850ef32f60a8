using System.Globalization;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Metrics;

namespace AutoPR.Deployment.Verification;

/// <summary>Requests, 5xx responses (from the tasks, and from the load balancer itself) and p99 latency over a time range.</summary>
public sealed record MetricsSample(double Requests, double TargetErrors, double LoadBalancerErrors, double? P99Milliseconds)
{
    /// <summary>All 5xx responses.</summary>
    public double Errors => TargetErrors + LoadBalancerErrors;

    /// <summary>Errors per request (0 without requests).</summary>
    public double ErrorRate => Requests > 0 ? Errors / Requests : 0;

    /// <summary>5xx responses the tasks gave, per request (0 without requests).</summary>
    public double TargetErrorRate => Requests > 0 ? TargetErrors / Requests : 0;

    /// <summary>The p99 for reports: "850 ms", or "no data".</summary>
    public string P99Text => P99Milliseconds is { } p99 ? string.Create(CultureInfo.InvariantCulture, $"{p99:0} ms") : "no data";
}

/// <summary>
/// The load balancer's metrics of an environment through CloudWatch GetMetricData (AWS/ApplicationELB):
/// RequestCount, HTTPCode_Target_5XX_Count + HTTPCode_ELB_5XX_Count, TargetResponseTime p99, for each target group
/// of the service (blue/green: both), selected by TargetGroup (and LoadBalancer when known) dimensions.
/// </summary>
public sealed class LoadBalancerMetrics(CloudWatchClient cloudWatch, DeploymentEnvironment environment, string? loadBalancerDimension, int periodSeconds)
{
    private const string Namespace = "AWS/ApplicationELB";

    /// <summary>The dimension sets queried (one per target group; an empty set means all, as the local stand-in reads it).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> DimensionSets { get; } = BuildDimensions(environment, loadBalancerDimension);

    /// <summary>Sums and the worst p99 over [start, end).</summary>
    public async Task<MetricsSample> SampleAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var queries = new List<MetricQuery>();
        for (var i = 0; i < DimensionSets.Count; i++)
        {
            var dimensions = DimensionSets[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            queries.Add(Query("requests" + n, "RequestCount", "Sum", dimensions));
            queries.Add(Query("targeterrors" + n, "HTTPCode_Target_5XX_Count", "Sum", dimensions));
            queries.Add(Query("elberrors" + n, "HTTPCode_ELB_5XX_Count", "Sum", dimensions));
            queries.Add(Query("latency" + n, "TargetResponseTime", "p99", dimensions));
        }

        var results = await cloudWatch.GetMetricDataAsync(queries, start, end, cancellationToken).ConfigureAwait(false);
        double Sum(string prefix) => results.Where(r => r.Id.StartsWith(prefix, StringComparison.Ordinal)).SelectMany(r => r.Points).Sum(p => p.Value);
        var latencies = results.Where(r => r.Id.StartsWith("latency", StringComparison.Ordinal)).SelectMany(r => r.Points).Select(p => p.Value).ToList();
        return new MetricsSample(
            Sum("requests"),
            Sum("targeterrors"),
            Sum("elberrors"),
            latencies.Count == 0 ? null : latencies.Max() * 1000);
    }

    private MetricQuery Query(string id, string metric, string stat, IReadOnlyDictionary<string, string> dimensions) => new()
    {
        Id = id,
        Namespace = Namespace,
        MetricName = metric,
        Stat = stat,
        Dimensions = dimensions,
        PeriodSeconds = periodSeconds,
    };

    /// <summary>"targetgroup/NAME/ID" from a target-group ARN (the CloudWatch TargetGroup dimension).</summary>
    public static string? TargetGroupDimension(string? targetGroupArn)
    {
        var at = targetGroupArn?.IndexOf(":targetgroup/", StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : targetGroupArn![(at + 1)..];
    }

    /// <summary>"app/NAME/ID" from a listener or listener-rule ARN (the CloudWatch LoadBalancer dimension).</summary>
    public static string? LoadBalancerDimensionOf(string? listenerArn)
    {
        var at = listenerArn?.IndexOf("/app/", StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var parts = listenerArn![(at + 1)..].Split('/');
        return parts.Length >= 3 ? string.Join('/', parts.Take(3)) : null;
    }

    private static List<IReadOnlyDictionary<string, string>> BuildDimensions(DeploymentEnvironment environment, string? loadBalancer)
    {
        var settings = environment.LoadBalancer;
        loadBalancer ??= LoadBalancerDimensionOf(settings.ProductionListenerRuleArn) ?? LoadBalancerDimensionOf(settings.TestListenerRuleArn);
        var groups = new[] { settings.TargetGroupArn, settings.AlternateTargetGroupArn }
            .Select(TargetGroupDimension)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (groups.Count == 0)
        {
            return [new Dictionary<string, string>(StringComparer.Ordinal)];
        }

        return groups.Select(group =>
        {
            var dimensions = new Dictionary<string, string>(StringComparer.Ordinal) { ["TargetGroup"] = group };
            if (loadBalancer is not null)
            {
                dimensions["LoadBalancer"] = loadBalancer;
            }

            return (IReadOnlyDictionary<string, string>)dimensions;
        }).ToList();
    }
}
