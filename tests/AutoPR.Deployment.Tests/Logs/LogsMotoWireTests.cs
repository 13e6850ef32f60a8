using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Logs;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Logs;

/// <summary>LogsClient against moto_server's CloudWatch Logs.</summary>
[Collection(MotoCollection.Name)]
public sealed class LogsMotoWireTests(MotoServerFixture moto)
{
    private static readonly AwsOperation CreateLogGroup = new(AwsService.Logs, "CreateLogGroup", AwsAccess.Write);
    private static readonly AwsOperation CreateLogStream = new(AwsService.Logs, "CreateLogStream", AwsAccess.Write);
    private static readonly AwsOperation PutLogEvents = new(AwsService.Logs, "PutLogEvents", AwsAccess.Write);

    [Fact]
    public async Task Events_put_into_moto_come_back_from_the_head_and_as_the_last_lines()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var group = "/ecs/autopr-" + Guid.NewGuid().ToString("N")[..8];
        var start = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();
        await PutAsync(clients, group, "ecs/autopr/task-1", start, 30);

        var head = await clients.Logs.GetLogEventsAsync(group, "ecs/autopr/task-1", startFromHead: true, limit: 5);
        var last = await clients.Logs.GetLastLinesAsync(group, "ecs/autopr/task-1", 7);
        var all = await clients.Logs.GetLastLinesAsync(group, "ecs/autopr/task-1", 100);

        Assert.Equal(Enumerable.Range(1, 5).Select(i => "line " + i), head.Events.Select(e => e.Message));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(start), head.Events[0].Timestamp);
        Assert.NotNull(head.NextForwardToken);
        Assert.Equal(Enumerable.Range(24, 7).Select(i => "line " + i), last.Select(e => e.Message));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => "line " + i), all.Select(e => e.Message));
    }

    [Fact]
    public async Task Filter_log_events_pages_through_moto_by_stream_and_term_and_the_streams_are_listed()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var group = "/ecs/autopr-" + Guid.NewGuid().ToString("N")[..8];
        var start = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();
        await PutAsync(clients, group, "ecs/autopr/task-1", start, 12);
        await clients.Core.SendAsync(CreateLogStream, new JsonObject { ["logGroupName"] = group, ["logStreamName"] = "ecs/autopr/task-2" }, CancellationToken.None);
        await clients.Core.SendAsync(PutLogEvents, new JsonObject
        {
            ["logGroupName"] = group,
            ["logStreamName"] = "ecs/autopr/task-2",
            ["logEvents"] = new JsonArray(new JsonObject { ["timestamp"] = start + 500, ["message"] = "ERROR database unreachable" }, new JsonObject { ["timestamp"] = start + 1500, ["message"] = "listening" }),
        }, CancellationToken.None);

        var all = await ToListAsync(clients.Logs.FilterLogEventsAsync(group, new LogEventFilter { PageSize = 5 }));
        var one = await ToListAsync(clients.Logs.FilterLogEventsAsync(group, new LogEventFilter { StreamNames = ["ecs/autopr/task-2"] }));
        var errors = await ToListAsync(clients.Logs.FilterLogEventsAsync(group, new LogEventFilter { Pattern = "ERROR" }));
        var streams = await ToListAsync(clients.Logs.DescribeLogStreamsAsync(group));

        Assert.Equal(14, all.Count);
        Assert.Equal(14, all.Select(e => (e.LogStreamName, e.EventId)).Distinct().Count());
        Assert.Equal(["ERROR database unreachable", "listening"], one.Select(e => e.Message));
        Assert.All(one, e => Assert.Equal("ecs/autopr/task-2", e.LogStreamName));
        var error = Assert.Single(errors);
        Assert.Equal(("ecs/autopr/task-2", DateTimeOffset.FromUnixTimeMilliseconds(start + 500)), (error.LogStreamName, error.Timestamp));
        Assert.Equal(["ecs/autopr/task-1", "ecs/autopr/task-2"], streams.Select(s => s.Name));
        Assert.NotNull(streams[0].CreationTime);
    }

    [Fact]
    public async Task FilterLogEvents_on_a_missing_group_is_resource_not_found()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ToListAsync(clients.Logs.FilterLogEventsAsync("/ecs/absent-" + Guid.NewGuid().ToString("N")[..8], new LogEventFilter())));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }

    [Fact]
    public async Task A_missing_stream_is_resource_not_found()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var group = "/ecs/autopr-" + Guid.NewGuid().ToString("N")[..8];
        await clients.Core.SendAsync(CreateLogGroup, new JsonObject { ["logGroupName"] = group }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Logs.GetLastLinesAsync(group, "nope", 10));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("logs", error.Service);
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

    private static async Task PutAsync(AwsClients clients, string group, string stream, long start, int count)
    {
        await clients.Core.SendAsync(CreateLogGroup, new JsonObject { ["logGroupName"] = group }, CancellationToken.None);
        await clients.Core.SendAsync(CreateLogStream, new JsonObject { ["logGroupName"] = group, ["logStreamName"] = stream }, CancellationToken.None);
        var events = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            events.Add((JsonNode)new JsonObject { ["timestamp"] = start + (i * 1000), ["message"] = "line " + (i + 1) });
        }

        await clients.Core.SendAsync(PutLogEvents, new JsonObject { ["logGroupName"] = group, ["logStreamName"] = stream, ["logEvents"] = events }, CancellationToken.None);
    }
}
