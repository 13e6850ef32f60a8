using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Hosting;

namespace AutoPR.LocalEcs.Metrics;

/// <summary>
/// CloudWatch GetMetricData for the AWS/ApplicationELB metrics the listeners record:
/// RequestCount, HTTPCode_Target_5XX_Count, HTTPCode_ELB_5XX_Count, TargetResponseTime,
/// selected by the TargetGroup dimension (targetgroup/name/id) or, without it, over all target groups.
/// By default the answers are CloudWatch's (one-minute datapoints, published a delay after their minute closes);
/// <see cref="MetricsMode.Immediate"/> answers every request at once, in buckets of any period (see <see cref="MetricWindow"/>).
/// </summary>
public sealed class GetMetricDataOperation(MetricRecorder recorder, LocalEcsOptions options, TimeProvider time)
{
    private const string Invalid = "InvalidParameterValueException";

    public Task<JsonObject> GetMetricDataAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var start = request.Time("StartTime") ?? throw new AwsServiceException("MissingParameter", "The parameter StartTime is required.");
        var end = request.Time("EndTime") ?? throw new AwsServiceException("MissingParameter", "The parameter EndTime is required.");
        if (end <= start)
        {
            throw new AwsServiceException(Invalid, "The parameter StartTime must be less than the parameter EndTime.");
        }

        var ascending = request.Text("ScanBy") == "TimestampAscending";
        var results = new JsonArray();
        foreach (var query in (request.Array("MetricDataQueries") ?? []).OfType<JsonObject>().Select(q => new JsonArgs(q, Invalid)))
        {
            if (query.Flag("ReturnData") == false)
            {
                continue;
            }

            results.Add(Answer(query, start, end, ascending));
        }

        return Task.FromResult(new JsonObject { ["MetricDataResults"] = results, ["Messages"] = new JsonArray() });
    }

    private JsonObject Answer(JsonArgs query, DateTimeOffset start, DateTimeOffset end, bool ascending)
    {
        var id = query.RequiredText("Id");
        var stat = query.Nested("MetricStat") ?? throw new AwsServiceException(Invalid, $"Query {id}: LocalEcs answers MetricStat queries; metric math expressions are not supported.");
        var metric = stat.Nested("Metric") ?? throw new AwsServiceException(Invalid, $"Query {id}: MetricStat.Metric is required.");
        var statistic = stat.RequiredText("Stat");
        var period = stat.WholeNumber("Period") ?? throw new AwsServiceException(Invalid, $"Query {id}: MetricStat.Period is required.");
        if (period <= 0 || !MetricStatistics.IsSupported(statistic))
        {
            throw new AwsServiceException(Invalid, $"Query {id}: Period must be positive and Stat one of Sum, Average, SampleCount, Minimum, Maximum, pNN.");
        }

        var name = metric.Text("MetricName") ?? string.Empty;
        var points = metric.Text("Namespace") == AlbMetric.Namespace
            ? Datapoints(name, TargetGroupFilter(metric), statistic, MetricWindow.For(options.Metrics, start, end, period, time.GetUtcNow(), options.MetricsDelay, id))
            : [];
        if (!ascending)
        {
            points.Reverse();
        }

        return new JsonObject
        {
            ["Id"] = id,
            ["Label"] = query.Text("Label") ?? name,
            ["Timestamps"] = new JsonArray([.. points.Select(p => AwsTime.ToJson(p.Time))]),
            ["Values"] = new JsonArray([.. points.Select(p => (JsonNode)JsonValue.Create(p.Value))]),
            ["StatusCode"] = "Complete",
            ["Messages"] = new JsonArray(),
        };
    }

    private List<(DateTimeOffset Time, double Value)> Datapoints(string metricName, Func<string, bool> targetGroups, string statistic, MetricWindow window)
    {
        var value = AlbMetric.ValueOf(metricName);
        return recorder.Query(targetGroups, window.From, window.To)
            .Select(s => (Bucket: window.BucketOf(s.Time), Value: value(s)))
            .Where(x => x.Value is not null && window.Answers(x.Bucket))
            .GroupBy(x => x.Bucket)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, MetricStatistics.Compute(statistic, [.. g.Select(x => x.Value!.Value)])))
            .ToList();
    }

    private static Func<string, bool> TargetGroupFilter(JsonArgs metric) =>
        AlbMetric.TargetGroupFilter((metric.Array("Dimensions") ?? []).OfType<JsonObject>()
            .FirstOrDefault(d => d["Name"]?.GetValue<string>() == "TargetGroup")?["Value"]?.GetValue<string>());
}
