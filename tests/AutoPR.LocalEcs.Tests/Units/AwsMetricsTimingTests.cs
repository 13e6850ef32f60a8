using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.Metrics;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.LocalEcs.Tests.Units;

/// <summary>GetMetricData's timing: CloudWatch's standard resolution and publication delay by default, at once in immediate mode.</summary>
public sealed class AwsMetricsTimingTests
{
    private const string Group = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr/1";
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Noon);
    private readonly MetricRecorder _recorder;

    public AwsMetricsTimingTests() => _recorder = new MetricRecorder(_time);

    [Fact]
    public async Task By_default_a_minute_is_hidden_until_60_s_after_it_closes()
    {
        RequestsAt("00:30");
        var options = new LocalEcsOptions();

        Assert.Equal(MetricsMode.Aws, options.Metrics);
        Assert.Empty(await RequestCountAsync(options, now: "01:59", start: "-05:00", end: "05:00", period: 60));
        Assert.Equal([("00:00", 1.0)], await RequestCountAsync(options, now: "02:00", start: "-05:00", end: "05:00", period: 60));
    }

    [Fact]
    public async Task Datapoints_are_whole_UTC_minutes_whatever_StartTime_says()
    {
        RequestsAt("00:10", "00:50", "01:20");

        var points = await RequestCountAsync(new LocalEcsOptions(), now: "10:00", start: "00:30", end: "05:00", period: 60);

        Assert.Equal([("00:00", 2.0), ("01:00", 1.0)], points);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(59)]
    public async Task A_period_below_60_counts_as_60(int period)
    {
        RequestsAt("00:05", "00:45", "01:00");

        var points = await RequestCountAsync(new LocalEcsOptions(), now: "10:00", start: "00:00", end: "05:00", period);

        Assert.Equal([("00:00", 2.0), ("01:00", 1.0)], points);
    }

    [Fact]
    public async Task A_longer_period_sums_whole_minutes_aligned_to_multiples_of_the_period_from_the_epoch()
    {
        RequestsAt("03:00", "06:00", "09:59", "10:30");

        var points = await RequestCountAsync(new LocalEcsOptions(), now: "20:00", start: "04:00", end: "20:00", period: 300);
        var endingAtABucket = await RequestCountAsync(new LocalEcsOptions(), now: "20:00", start: "04:00", end: "05:00", period: 300);

        Assert.Equal([("00:00", 1.0), ("05:00", 2.0), ("10:00", 1.0)], points);
        Assert.Equal([("00:00", 1.0)], endingAtABucket);
    }

    [Fact]
    public async Task A_bucket_of_a_longer_period_is_published_only_after_the_whole_period_and_the_delay()
    {
        RequestsAt("01:00");

        Assert.Empty(await RequestCountAsync(new LocalEcsOptions(), now: "05:59", start: "00:00", end: "10:00", period: 300));
        Assert.Equal([("00:00", 1.0)], await RequestCountAsync(new LocalEcsOptions(), now: "06:00", start: "00:00", end: "10:00", period: 300));
    }

    [Theory]
    [InlineData(0, "00:59", "01:00")]
    [InlineData(180, "03:59", "04:00")]
    public async Task The_delay_is_an_option(int delaySeconds, string stillHidden, string visible)
    {
        RequestsAt("00:30");
        var options = new LocalEcsOptions { MetricsDelay = TimeSpan.FromSeconds(delaySeconds) };

        Assert.Empty(await RequestCountAsync(options, now: stillHidden, start: "00:00", end: "10:00", period: 60));
        Assert.Equal([("00:00", 1.0)], await RequestCountAsync(options, now: visible, start: "00:00", end: "10:00", period: 60));
    }

    [Fact]
    public async Task Immediate_mode_answers_at_once_in_buckets_of_any_period_counted_from_StartTime()
    {
        RequestsAt("00:10", "00:25", "00:50");
        var options = new LocalEcsOptions { Metrics = MetricsMode.Immediate };

        var tenSeconds = await RequestCountAsync(options, now: "00:51", start: "00:05", end: "00:50", period: 10);
        var minute = await RequestCountAsync(options, now: "00:51", start: "00:20", end: "01:00", period: 60);

        Assert.Equal([("00:05", 1.0), ("00:25", 1.0)], tenSeconds);
        Assert.Equal([("00:20", 2.0)], minute);
    }

    [Fact]
    public async Task A_period_above_60_that_is_not_a_whole_number_of_minutes_is_refused()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => RequestCountAsync(new LocalEcsOptions(), now: "10:00", start: "00:00", end: "05:00", period: 90));

        Assert.Equal("InvalidParameterValueException", error.Code);
        Assert.Contains("multiple of 60", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One request at each time, given as mm:ss after noon.</summary>
    private void RequestsAt(params string[] times)
    {
        foreach (var time in times)
        {
            _time.SetUtcNow(At(time));
            _recorder.Record(Group, 200, TimeSpan.FromMilliseconds(5), fromTarget: true);
        }
    }

    /// <summary>RequestCount Sum as (mm:ss after noon, value), oldest first, asked at <paramref name="now"/>.</summary>
    private async Task<List<(string Time, double Value)>> RequestCountAsync(LocalEcsOptions options, string now, string start, string end, int period)
    {
        if (At(now) > _time.GetUtcNow())
        {
            _time.SetUtcNow(At(now));
        }

        var operation = new GetMetricDataOperation(_recorder, options, _time);
        var result = await operation.GetMetricDataAsync(new JsonArgs(JsonNode.Parse($$$"""
            {"StartTime": {{{At(start).ToUnixTimeSeconds()}}}, "EndTime": {{{At(end).ToUnixTimeSeconds()}}}, "ScanBy": "TimestampAscending", "MetricDataQueries": [
              {"Id": "r", "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "RequestCount", "Dimensions": [{"Name": "TargetGroup", "Value": "targetgroup/autopr/1"}]}, "Period": {{{period}}}, "Stat": "Sum"}}]}
            """)!.AsObject()), CancellationToken.None);
        var answer = result["MetricDataResults"]![0]!;
        var times = answer["Timestamps"]!.AsArray().Select(t => DateTimeOffset.FromUnixTimeMilliseconds((long)(t!.GetValue<double>() * 1000)));
        var values = answer["Values"]!.AsArray().Select(v => v!.GetValue<double>());
        return [.. times.Zip(values, (t, v) => (Since(t), v))];
    }

    private static DateTimeOffset At(string sinceNoon) =>
        sinceNoon.StartsWith('-') ? Noon - TimeSpan.ParseExact(sinceNoon[1..], @"mm\:ss", null) : Noon + TimeSpan.ParseExact(sinceNoon, @"mm\:ss", null);

    private static string Since(DateTimeOffset time) => (time - Noon).ToString(@"mm\:ss", null);
}
