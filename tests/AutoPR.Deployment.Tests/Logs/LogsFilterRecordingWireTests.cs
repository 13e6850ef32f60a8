using System.Net;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Logs;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Logs;

/// <summary>FilterLogEvents and DescribeLogStreams against a recording server on loopback: bodies, paging, throttling.</summary>
public sealed class LogsFilterRecordingWireTests
{
    private const long Start = 1767225600000;

    [Fact]
    public async Task Filter_log_events_sends_the_filter_and_follows_next_tokens_to_the_last_page()
    {
        using var server = new RecordingServer((_, index) => RecordingHandler.Json(HttpStatusCode.OK, index switch
        {
            0 => $$"""{"events":[{"logStreamName":"ecs/autopr/a","timestamp":{{Start}},"message":"one","ingestionTime":{{Start}},"eventId":"1"}],"nextToken":"t1"}""",
            1 => """{"events":[],"nextToken":"t2"}""",
            _ => $$"""{"events":[{"logStreamName":"ecs/autopr/b","timestamp":{{Start + 1}},"message":"two","ingestionTime":{{Start + 1}},"eventId":"2"}],"searchedLogStreams":[]}""",
        }));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));
        var filter = new LogEventFilter
        {
            StreamNames = ["ecs/autopr/a", "ecs/autopr/b"],
            Start = DateTimeOffset.FromUnixTimeMilliseconds(Start - 1000),
            End = DateTimeOffset.FromUnixTimeMilliseconds(Start + 1000),
            Pattern = "\"connection refused\"",
            PageSize = 100,
        };

        var events = await ToListAsync(clients.Logs.FilterLogEventsAsync("/ecs/autopr", filter));

        Assert.Equal([new FilteredLogEvent("ecs/autopr/a", DateTimeOffset.FromUnixTimeMilliseconds(Start), "one", "1"), new FilteredLogEvent("ecs/autopr/b", DateTimeOffset.FromUnixTimeMilliseconds(Start + 1), "two", "2")], events);
        Assert.Equal(["Logs_20140328.FilterLogEvents"], server.Requests.Select(r => r.Target).Distinct());
        var expected = JsonNode.Parse($$"""{"logGroupName":"/ecs/autopr","logStreamNames":["ecs/autopr/a","ecs/autopr/b"],"startTime":{{Start - 1000}},"endTime":{{Start + 1000}},"filterPattern":"\"connection refused\"","limit":100}""");
        Assert.True(JsonNode.DeepEquals(expected, server.Requests[0].Json), server.Requests[0].Body);
        Assert.Equal([null, "t1", "t2"], server.Requests.Select(r => r.Json!["nextToken"]?.GetValue<string>()));
    }

    [Fact]
    public async Task An_empty_filter_sends_only_the_group_and_a_prefix_only_the_prefix()
    {
        using var server = new RecordingServer((_, _) => RecordingHandler.Json(HttpStatusCode.OK, """{"events":[]}"""));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        Assert.Empty(await ToListAsync(clients.Logs.FilterLogEventsAsync("/ecs/autopr", new LogEventFilter { Pattern = " " })));
        Assert.Empty(await ToListAsync(clients.Logs.FilterLogEventsAsync("/ecs/autopr", new LogEventFilter { StreamNamePrefix = "ecs/autopr/" })));

        Assert.Equal("""{"logGroupName":"/ecs/autopr"}""", server.Requests[0].Body);
        Assert.Equal("""{"logGroupName":"/ecs/autopr","logStreamNamePrefix":"ecs/autopr/"}""", server.Requests[1].Body);
    }

    [Fact]
    public async Task Describe_log_streams_reads_every_page()
    {
        using var server = new RecordingServer((_, index) => RecordingHandler.Json(HttpStatusCode.OK, index == 0
            ? $$"""{"logStreams":[{"logStreamName":"ecs/autopr/a","creationTime":{{Start}},"firstEventTimestamp":{{Start + 1}},"lastEventTimestamp":{{Start + 2}}}],"nextToken":"n1"}"""
            : """{"logStreams":[{"logStreamName":"ecs/autopr/b"}]}"""));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var streams = await ToListAsync(clients.Logs.DescribeLogStreamsAsync("/ecs/autopr", "ecs/autopr/"));

        Assert.Equal(
            [new LogStreamInfo("ecs/autopr/a", DateTimeOffset.FromUnixTimeMilliseconds(Start), DateTimeOffset.FromUnixTimeMilliseconds(Start + 1), DateTimeOffset.FromUnixTimeMilliseconds(Start + 2)), new LogStreamInfo("ecs/autopr/b", null, null, null)],
            streams);
        Assert.Equal("Logs_20140328.DescribeLogStreams", server.Requests[0].Target);
        Assert.Equal("""{"logGroupName":"/ecs/autopr","logStreamNamePrefix":"ecs/autopr/"}""", server.Requests[0].Body);
        Assert.Equal("n1", server.Requests[1].Json!["nextToken"]!.GetValue<string>());
    }

    /// <summary>Every read of the client backs off on ThrottlingException and succeeds (LocalEcs's throttling fault answers the same way).</summary>
    [Fact]
    public async Task Every_read_is_retried_after_throttling_and_succeeds()
    {
        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var server = new RecordingServer((request, _) =>
        {
            var target = request.Target;
            attempts[target] = attempts.GetValueOrDefault(target) + 1;
            if (attempts[target] == 1)
            {
                return RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}""");
            }

            return RecordingHandler.Json(HttpStatusCode.OK, target switch
            {
                "Logs_20140328.GetLogEvents" => $$"""{"events":[{"timestamp":{{Start}},"message":"last words"}],"nextForwardToken":"f/1","nextBackwardToken":"b/0"}""",
                "Logs_20140328.FilterLogEvents" => $$"""{"events":[{"logStreamName":"s","timestamp":{{Start}},"message":"filtered","eventId":"1"}]}""",
                _ => """{"logStreams":[{"logStreamName":"s"}]}""",
            });
        });
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));
        var retried = new List<string>();
        clients.Core.Retrying += (_, e) => retried.Add($"{e.Operation} {e.ErrorCode}");

        var page = await clients.Logs.GetLogEventsAsync("/ecs/autopr", "s", startFromHead: true);
        var filtered = await ToListAsync(clients.Logs.FilterLogEventsAsync("/ecs/autopr", new LogEventFilter()));
        var streams = await ToListAsync(clients.Logs.DescribeLogStreamsAsync("/ecs/autopr"));

        Assert.Equal("last words", Assert.Single(page.Events).Message);
        Assert.Equal("filtered", Assert.Single(filtered).Message);
        Assert.Equal("s", Assert.Single(streams).Name);
        Assert.Equal(3, retried.Count);
        Assert.All(retried, r => Assert.EndsWith(" ThrottlingException", r, StringComparison.Ordinal));
        Assert.Equal(6, server.Requests.Count);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
