using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Metrics;

/// <summary>Test group 2: GetMetricData over AWS JSON 1.0 against moto_server.</summary>
[Collection(MotoCollection.Name)]
public sealed class CloudWatchMotoWireTests(MotoServerFixture moto)
{
    private static readonly AwsOperation PutMetricData = new(AwsService.CloudWatch, "PutMetricData", AwsAccess.Write);

    [Fact]
    public async Task Metric_data_put_into_moto_comes_back_from_get_metric_data()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var service = "autopr-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-5);
        var data = new JsonArray();
        foreach (var (offset, value) in new[] { (0, 120.0), (1, 480.0), (2, 300.0) })
        {
            data.Add((JsonNode)new JsonObject
            {
                ["MetricName"] = "Latency",
                ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "Service", ["Value"] = service }),
                ["Timestamp"] = minute.AddMinutes(offset).ToUnixTimeSeconds(),
                ["Value"] = value,
                ["Unit"] = "Milliseconds",
            });
        }

        await clients.Core.SendAsync(PutMetricData, new JsonObject { ["Namespace"] = "AutoPR/Tests", ["MetricData"] = data }, CancellationToken.None);

        var results = await clients.CloudWatch.GetMetricDataAsync(
            [new MetricQuery { Id = "latency", Namespace = "AutoPR/Tests", MetricName = "Latency", Dimensions = new Dictionary<string, string> { ["Service"] = service }, Stat = "Maximum", PeriodSeconds = 60 }],
            minute.AddMinutes(-1),
            minute.AddMinutes(10));

        var result = Assert.Single(results);
        Assert.Equal("latency", result.Id);
        Assert.Equal([120.0, 480.0, 300.0], result.Points.Select(p => p.Value));
        Assert.Equal([minute, minute.AddMinutes(1), minute.AddMinutes(2)], result.Points.Select(p => p.Timestamp));
    }
}
