using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Metrics;

public sealed class CloudWatchPaginationTests
{
    [Fact]
    public async Task Pages_are_followed_with_NextToken_and_points_merged_in_time_order()
    {
        var handler = new RecordingHandler(CannedResponses.Respond);
        using var clients = AwsClients.Create(TestConnections.InProcess(handler));

        var results = await clients.CloudWatch.GetMetricDataAsync(
            [new MetricQuery { Id = "p99", Namespace = "AWS/ApplicationELB", MetricName = "TargetResponseTime", Stat = "p99" }],
            DateTimeOffset.FromUnixTimeSeconds(1767225600),
            DateTimeOffset.FromUnixTimeSeconds(1767229200));

        var result = Assert.Single(results);
        Assert.Equal([0.125, 0.5, 0.25], result.Points.Select(p => p.Value));
        Assert.True(result.IsComplete);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("page-2", handler.Requests[1].Json!["NextToken"]!.GetValue<string>());
        Assert.Equal("GraniteServiceVersion20100801.GetMetricData", handler.Requests[0].Target);
        Assert.Equal("application/x-amz-json-1.0", handler.Requests[0].Header("Content-Type"));
    }
}
