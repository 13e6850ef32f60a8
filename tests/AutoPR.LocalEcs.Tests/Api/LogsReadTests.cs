using System.Net;
using System.Net.Http.Json;
using Amazon.Runtime;
using AutoPR.Deployment;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Endpoints;
using AutoPR.Deployment.Logs;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.Logs;
using AutoPR.LocalEcs.State;
using AutoPR.LocalEcs.Tests.Support;

namespace AutoPR.LocalEcs.Tests.Api;

/// <summary>
/// FilterLogEvents and DescribeLogStreams over streams seeded in LocalEcs's state directory before it starts (no
/// containers needed): driven by boto3 (Support/boto3_logs.py: patterns, stream selection, times, paging, errors), and
/// by the deployment library's LogsClient under LocalEcs's API throttling fault.
/// </summary>
public sealed class LogsReadTests : IDisposable
{
    private const string Group = "/ecs/autopr-filter";
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "localecs-logs-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    public async Task Boto3_filters_pages_and_lists_the_streams_of_a_group()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        Seed(start);
        await using var server = await LocalEcsServer.StartAsync(new LocalEcsOptions { Port = 0, StateDirectory = _stateDir, ListenerAddress = $"127.0.0.1:{FreePort.Next()}" });

        var seen = await Boto3Script.RunCheckedAsync("boto3_logs.py", server.Endpoint.ToString().TrimEnd('/'), Group, start.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("ok", seen["operations"]!.GetValue<string>());
    }

    [Fact]
    public async Task Under_the_throttling_fault_every_read_of_the_library_backs_off_and_succeeds()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        Seed(start);
        await using var server = await LocalEcsServer.StartAsync(new LocalEcsOptions { Port = 0, StateDirectory = _stateDir, ListenerAddress = $"127.0.0.1:{FreePort.Next()}" });
        using var admin = new HttpClient { BaseAddress = server.Endpoint };
        foreach (var operation in new[] { "GetLogEvents", "FilterLogEvents", "DescribeLogStreams" })
        {
            using var created = await admin.PostAsJsonAsync("/_localecs/faults/api", new { service = "logs", operation, throttleRate = 1.0, errorRate = 0.0, remainingCalls = 1 });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var clients = AwsClients.Create(new AwsConnectionOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("test", "test"),
            Endpoints = new AwsEndpointSettings { ConfiguredEndpoints = new Dictionary<string, Uri> { ["logs"] = server.Endpoint } },
        });
        var retried = new List<string>();
        clients.Core.Retrying += (_, e) => retried.Add($"{e.Operation.Name} {e.ErrorCode}");

        var last = await clients.Logs.GetLastLinesAsync(Group, "ecs/autopr/task-b", 2);
        var errors = new List<string>();
        await foreach (var e in clients.Logs.FilterLogEventsAsync(Group, new LogEventFilter { Pattern = "ERROR", PageSize = 1 }))
        {
            errors.Add(e.Message);
        }

        var streams = new List<string>();
        await foreach (var s in clients.Logs.DescribeLogStreamsAsync(Group))
        {
            streams.Add(s.Name);
        }

        Assert.Equal(["b line 8", "b line 9"], last.Select(e => e.Message));
        Assert.Equal(["b ERROR disk full", "a ERROR database unreachable"], errors);
        Assert.Equal(["ecs/autopr/task-a", "ecs/autopr/task-b", "other/x/task-c"], streams);
        Assert.Equal(["GetLogEvents ThrottlingException", "FilterLogEvents ThrottlingException", "DescribeLogStreams ThrottlingException"], retried);
    }

    // task-a: a line 0..24 a second apart (5 is an ERROR); task-b: b line 0..9 half a second later (3 is an ERROR);
    // other/x/task-c: one line after all of them.
    private void Seed(long start)
    {
        var store = new LogStore(new StateFiles(_stateDir), TimeProvider.System);
        store.Append(Group, "ecs/autopr/task-a", [.. Enumerable.Range(0, 25).Select(i => (start + (i * 1000L), i == 5 ? "a ERROR database unreachable" : $"a line {i}"))]);
        store.Append(Group, "ecs/autopr/task-b", [.. Enumerable.Range(0, 10).Select(i => (start + (i * 1000L) + 500, i == 3 ? "b ERROR disk full" : $"b line {i}"))]);
        store.Append(Group, "other/x/task-c", [(start + 30_000, "c only")]);
    }
}
