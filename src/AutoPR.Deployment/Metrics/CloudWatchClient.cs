using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Metrics;

/// <summary>Amazon CloudWatch metrics over AWS JSON 1.0 (GraniteServiceVersion20100801).</summary>
public sealed class CloudWatchClient(AwsJsonClient core)
{
    /// <summary>Every operation this client calls (for the deployer's IAM policy).</summary>
    public static IReadOnlyList<AwsOperation> Operations => CloudWatchOperations.All;

    /// <summary>
    /// GetMetricData over [start, end): every page, each query's points merged and sorted by time.
    /// </summary>
    public async Task<IReadOnlyList<MetricDataResult>> GetMetricDataAsync(
        IEnumerable<MetricQuery> queries,
        DateTimeOffset start,
        DateTimeOffset end,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var array = new JsonArray();
        foreach (var query in queries)
        {
            array.Add((JsonNode)query.ToJson());
        }

        var request = new JsonObject
        {
            ["MetricDataQueries"] = array,
            ["StartTime"] = start.ToUnixTimeSeconds(),
            ["EndTime"] = end.ToUnixTimeSeconds(),
            ["ScanBy"] = "TimestampAscending",
        };

        var merged = new Dictionary<string, MetricDataResult>(StringComparer.Ordinal);
        var order = new List<string>();
        await foreach (var page in GetMetricDataPagesAsync(request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var node in JsonRead.GetArray(page, "MetricDataResults"))
            {
                var result = MetricDataResult.From(node);
                if (merged.TryGetValue(result.Id, out var earlier))
                {
                    merged[result.Id] = earlier.Append(result);
                }
                else
                {
                    merged[result.Id] = result;
                    order.Add(result.Id);
                }
            }
        }

        return order.Select(id => merged[id] with { Points = [.. merged[id].Points.OrderBy(p => p.Timestamp)] }).ToList();
    }

    /// <summary>GetMetricData with the caller's request document: every response page (NextToken followed).</summary>
    public async IAsyncEnumerable<JsonObject> GetMetricDataPagesAsync(JsonObject request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in core.PaginateAsync(CloudWatchOperations.GetMetricData, request, cancellationToken, "NextToken", "NextToken").ConfigureAwait(false))
        {
            yield return page;
        }
    }

    /// <summary>DescribeAlarms for these names (at most 100 a call, every page): the metric alarms that exist among them.</summary>
    public async Task<IReadOnlyList<MetricAlarmView>> DescribeAlarmsAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var found = new List<MetricAlarmView>();
        foreach (var chunk in names.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            var request = new JsonObject
            {
                ["AlarmNames"] = new JsonArray([.. chunk.Select(n => (JsonNode)JsonValue.Create(n))]),
                ["AlarmTypes"] = new JsonArray("MetricAlarm", "CompositeAlarm"),
            };
            await foreach (var page in core.PaginateAsync(CloudWatchOperations.DescribeAlarms, request, cancellationToken, "NextToken", "NextToken").ConfigureAwait(false))
            {
                found.AddRange(JsonRead.GetArray(page, "MetricAlarms").Select(MetricAlarmView.From));
                found.AddRange(JsonRead.GetArray(page, "CompositeAlarms").Select(MetricAlarmView.From));
            }
        }

        return found;
    }

    /// <summary>PutMetricAlarm (creates or replaces the alarm; the local stack only, see <see cref="CloudWatchOperations.PutMetricAlarm"/>).</summary>
    public async Task PutMetricAlarmAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await core.SendAsync(CloudWatchOperations.PutMetricAlarm, request, cancellationToken).ConfigureAwait(false);
    }
}
