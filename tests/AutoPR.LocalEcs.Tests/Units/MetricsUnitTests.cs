using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.Metrics;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.LocalEcs.Tests.Units;

public sealed class MetricsUnitTests
{
    [Theory]
    [InlineData("Sum", 55)]
    [InlineData("Average", 5.5)]
    [InlineData("SampleCount", 10)]
    [InlineData("Minimum", 1)]
    [InlineData("Maximum", 10)]
    [InlineData("p50", 5)]
    [InlineData("p90", 9)]
    [InlineData("p99", 10)]
    public void Statistics_follow_CloudWatch(string stat, double expected) =>
        Assert.Equal(expected, MetricStatistics.Compute(stat, [.. Enumerable.Range(1, 10).Select(i => (double)i)]));

    [Fact]
    public async Task GetMetricData_buckets_requests_by_period_per_target_group()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var recorder = new MetricRecorder(time);
        const string group = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr/1";
        recorder.Record(group, 200, TimeSpan.FromMilliseconds(100), fromTarget: true);
        recorder.Record(group, 500, TimeSpan.FromMilliseconds(300), fromTarget: true);
        recorder.Record("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/other/2", 500, TimeSpan.FromSeconds(1), fromTarget: true);
        time.Advance(TimeSpan.FromMinutes(1));
        recorder.Record(group, 503, TimeSpan.Zero, fromTarget: false);
        var operation = new GetMetricDataOperation(recorder, new LocalEcsOptions { Metrics = MetricsMode.Immediate }, time);

        var result = await operation.GetMetricDataAsync(new JsonArgs(JsonNode.Parse("""
            {"StartTime": 1767268800, "EndTime": 1767269400, "ScanBy": "TimestampAscending", "MetricDataQueries": [
              {"Id": "r", "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "RequestCount", "Dimensions": [{"Name": "TargetGroup", "Value": "targetgroup/autopr/1"}]}, "Period": 60, "Stat": "Sum"}},
              {"Id": "e", "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "HTTPCode_Target_5XX_Count", "Dimensions": [{"Name": "TargetGroup", "Value": "targetgroup/autopr/1"}]}, "Period": 60, "Stat": "Sum"}},
              {"Id": "l", "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "TargetResponseTime", "Dimensions": [{"Name": "TargetGroup", "Value": "targetgroup/autopr/1"}]}, "Period": 60, "Stat": "Average"}},
              {"Id": "elb", "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "HTTPCode_ELB_5XX_Count"}, "Period": 600, "Stat": "Sum"}}]}
            """)!.AsObject()), CancellationToken.None);

        var results = result["MetricDataResults"]!.AsArray().ToDictionary(r => r!["Id"]!.GetValue<string>(), r => r!["Values"]!.AsArray().Select(v => v!.GetValue<double>()).ToList());
        Assert.Equal([2.0, 1.0], results["r"]);
        Assert.Equal([1.0, 0.0], results["e"]);
        Assert.Equal(0.2, results["l"][0], precision: 6);
        Assert.Equal([1.0], results["elb"]);
        Assert.Equal(1767268800.0, result["MetricDataResults"]![0]!["Timestamps"]![0]!.GetValue<double>());
    }

    [Fact]
    public async Task Metric_math_is_refused_with_a_clear_message()
    {
        var operation = new GetMetricDataOperation(new MetricRecorder(TimeProvider.System), new LocalEcsOptions(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => operation.GetMetricDataAsync(
            new JsonArgs(JsonNode.Parse("""{"StartTime": 1, "EndTime": 2, "MetricDataQueries": [{"Id": "m", "Expression": "a/b"}]}""")!.AsObject()),
            CancellationToken.None));

        Assert.Contains("metric math expressions are not supported", error.Message, StringComparison.Ordinal);
    }
}
