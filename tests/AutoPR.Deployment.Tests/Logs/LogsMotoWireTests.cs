using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
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
    public async Task A_missing_stream_is_resource_not_found()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var group = "/ecs/autopr-" + Guid.NewGuid().ToString("N")[..8];
        await clients.Core.SendAsync(CreateLogGroup, new JsonObject { ["logGroupName"] = group }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Logs.GetLastLinesAsync(group, "nope", 10));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("logs", error.Service);
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
