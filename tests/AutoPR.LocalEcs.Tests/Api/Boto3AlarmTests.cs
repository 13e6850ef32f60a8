using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.Metrics;
using AutoPR.LocalEcs.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AutoPR.LocalEcs.Tests.Api;

/// <summary>
/// CloudWatch alarms through boto3 (Support/boto3_alarms.py) on a real LocalEcs server (no containers needed: the request
/// samples its listeners would record are recorded here), then the alarms and their states after a restart.
/// </summary>
public sealed class Boto3AlarmTests : IAsyncLifetime
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "localecs-alarms-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalEcsServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_stateDir, recursive: true);
    }

    [Fact]
    public async Task Boto3_puts_describes_and_deletes_alarms_and_sees_them_evaluated_and_they_survive_a_restart()
    {
        using var traffic = new CancellationTokenSource();
        var recorder = _server.Services.GetRequiredService<MetricRecorder>();
        var load = Task.Run(async () =>
        {
            while (!traffic.IsCancellationRequested)
            {
                recorder.Record(Group("group-a"), 503, TimeSpan.FromMilliseconds(5), fromTarget: true);
                recorder.Record(Group("group-b"), 200, TimeSpan.FromMilliseconds(5), fromTarget: true);
                await Task.Delay(50);
            }
        });

        var seen = await Boto3Script.RunCheckedAsync("boto3_alarms.py", _server.Endpoint.ToString().TrimEnd('/'), "it");
        await traffic.CancelAsync();
        await load;

        Assert.Equal("ok", seen["alarms"]!.GetValue<string>());

        await _server.DisposeAsync();
        _server = await StartAsync();
        using var aws = new AwsJsonClient(_server.Endpoint);
        var alarms = (await aws.CloudWatchAsync("DescribeAlarms", """{"AlarmNamePrefix": "it-"}"""))["MetricAlarms"]!.AsArray();
        Assert.Equal(["it-a-5xx", "it-b-5xx", "it-c-missing"], alarms.Select(a => a!["AlarmName"]!.GetValue<string>()));
        // TreatMissingData ignore (set by the script's update) and no requests since the restart: the state is the stored one.
        Assert.Equal("ignore", alarms[0]!["TreatMissingData"]!.GetValue<string>());
        Assert.Equal("ALARM", alarms[0]!["StateValue"]!.GetValue<string>());
        Assert.StartsWith("Threshold Crossed: 1 datapoint [", alarms[0]!["StateReason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string Group(string name) => $"arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/{name}/0123456789abcdef";

    private Task<LocalEcsServer> StartAsync() =>
        LocalEcsServer.StartAsync(new LocalEcsOptions { Port = 0, StateDirectory = _stateDir, ListenerAddress = $"127.0.0.1:{FreePort.Next()}", TimeScale = 0.1 });
}
