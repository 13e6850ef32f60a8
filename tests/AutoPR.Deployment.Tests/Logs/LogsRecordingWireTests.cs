using System.Net;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Logs;

/// <summary>LogsClient against a recording server on loopback that pages like CloudWatch Logs (the same token back at the end).</summary>
public sealed class LogsRecordingWireTests
{
    private const long Start = 1767225600000;

    [Fact]
    public async Task Get_log_events_sends_target_and_body_and_reads_events_and_tokens()
    {
        using var server = new RecordingServer((_, _) => RecordingHandler.Json(HttpStatusCode.OK, $$"""
            {"events":[{"timestamp":{{Start}},"message":"starting","ingestionTime":{{Start + 5}}},{"timestamp":{{Start + 1500}},"message":"listening on :8000","ingestionTime":{{Start + 1505}}}],
             "nextForwardToken":"f/0002","nextBackwardToken":"b/0001"}
            """));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var page = await clients.Logs.GetLogEventsAsync("/ecs/autopr", "ecs/autopr/0a1b", startFromHead: true, limit: 50, nextToken: "f/0000");

        Assert.Equal(["starting", "listening on :8000"], page.Events.Select(e => e.Message));
        Assert.Equal([DateTimeOffset.FromUnixTimeMilliseconds(Start), DateTimeOffset.FromUnixTimeMilliseconds(Start + 1500)], page.Events.Select(e => e.Timestamp));
        Assert.Equal("f/0002", page.NextForwardToken);
        Assert.Equal("b/0001", page.NextBackwardToken);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Logs_20140328.GetLogEvents", request.Target);
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Contains("/eu-west-1/logs/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("""{"logGroupName":"/ecs/autopr","logStreamName":"ecs/autopr/0a1b","startFromHead":true,"limit":50,"nextToken":"f/0000"}""", request.Body);
    }

    [Fact]
    public async Task The_last_lines_are_read_backwards_until_there_are_enough()
    {
        using var server = new RecordingServer(Stream(25));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var lines = await clients.Logs.GetLastLinesAsync("/ecs/autopr", "s", 12);

        Assert.Equal(Enumerable.Range(14, 12).Select(i => "line " + i), lines.Select(l => l.Message));
        var requests = server.Requests.Select(r => r.Json!.AsObject()).ToList();
        Assert.All(requests, r => Assert.False(r["startFromHead"]!.GetValue<bool>()));
        Assert.Equal([12], requests.Select(r => r["limit"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_last_lines_of_a_short_stream_stop_when_the_backward_token_repeats()
    {
        using var server = new RecordingServer(Stream(7, pageSize: 3));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var lines = await clients.Logs.GetLastLinesAsync("/ecs/autopr", "s", 100);

        Assert.Equal(Enumerable.Range(1, 7).Select(i => "line " + i), lines.Select(l => l.Message));
        var requests = server.Requests.Select(r => r.Json!.AsObject()).ToList();
        Assert.Equal([null, "b/4", "b/1", "b/0"], requests.Select(r => r["nextToken"]?.GetValue<string>()));
        Assert.Equal([100, 97, 94, 93], requests.Select(r => r["limit"]!.GetValue<int>()));
    }

    [Fact]
    public async Task An_empty_stream_has_no_last_lines()
    {
        using var server = new RecordingServer(Stream(0));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        Assert.Empty(await clients.Logs.GetLastLinesAsync("/ecs/autopr", "s", 10));
        Assert.Equal(2, server.Requests.Count);
    }

    // A stream of `count` lines ("line 1".."line N") paged backwards like CloudWatch Logs: the backward token names
    // the index of the page's first event, and a page that starts at the head hands the same token back.
    private static Func<RecordedRequest, int, HttpResponseMessage> Stream(int count, int pageSize = 10_000) => (request, _) =>
    {
        var body = request.Json!.AsObject();
        var limit = Math.Min(body["limit"]?.GetValue<int>() ?? 10_000, pageSize);
        var token = body["nextToken"]?.GetValue<string>();
        var end = token is null ? count : int.Parse(token[2..], System.Globalization.CultureInfo.InvariantCulture);
        var start = Math.Max(0, end - limit);
        var events = new JsonArray();
        for (var i = start; i < end; i++)
        {
            events.Add((JsonNode)new JsonObject { ["timestamp"] = Start + i, ["message"] = "line " + (i + 1), ["ingestionTime"] = Start + i });
        }

        var response = new JsonObject { ["events"] = events, ["nextForwardToken"] = "f/" + end, ["nextBackwardToken"] = "b/" + start };
        return RecordingHandler.Json(HttpStatusCode.OK, response.ToJsonString());
    };
}
