using System.Net;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Logs;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment.Tests.Logs;

/// <summary>The Logs target's reader: which streams it asks for, a follow without duplicates, a missing group, --since.</summary>
public sealed class LogReaderTests
{
    private static readonly DateTimeOffset Since = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);
    private const string Tasks = "arn:aws:ecs:us-east-1:000000000000:task/autopr-local/";

    [Fact]
    public async Task Without_a_selector_every_stream_of_the_service_container_is_read_since_the_time_with_the_pattern()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, Events(("autopr/autopr/0123456789abcdef", 5, "e1", "GET / 200"))));
        using var clients = AwsClients.Create(TestConnections.InProcess(handler));
        var lines = new List<ServiceLogLine>();

        var count = await Reader(clients).ReadAsync(new LogReadRequest { Since = Since, Pattern = "GET" }, lines.Add, CancellationToken.None);

        Assert.Equal(1, count);
        Assert.Equal("2026-12-06T21:00:05.000Z 01234567 GET / 200", Assert.Single(lines).ToString());
        var request = Assert.Single(handler.Requests).Json!;
        Assert.Equal(("/ecs/autopr-local", "autopr/autopr/", Since.ToUnixTimeMilliseconds(), "GET"),
            (request["logGroupName"]!.GetValue<string>(), request["logStreamNamePrefix"]!.GetValue<string>(), request["startTime"]!.GetValue<long>(), request["filterPattern"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_revision_reads_the_streams_of_its_running_and_stopped_tasks_and_a_task_its_own()
    {
        var handler = new RecordingHandler((request, _) => RecordingHandler.Json(HttpStatusCode.OK, request.Operation switch
        {
            "ListTasks" => request.Json!["desiredStatus"]!.GetValue<string>() == "RUNNING" ? $$"""{"taskArns":["{{Tasks}}r1","{{Tasks}}o1"]}""" : $$"""{"taskArns":["{{Tasks}}s1"]}""",
            "DescribeTasks" => $$"""
                {"tasks":[{"taskArn":"{{Tasks}}r1","taskDefinitionArn":"arn:aws:ecs:us-east-1:000000000000:task-definition/autopr-local:7"},
                          {"taskArn":"{{Tasks}}o1","taskDefinitionArn":"arn:aws:ecs:us-east-1:000000000000:task-definition/autopr-local:17"},
                          {"taskArn":"{{Tasks}}s1","taskDefinitionArn":"arn:aws:ecs:us-east-1:000000000000:task-definition/autopr-local:7"}]}
                """,
            _ => Events(),
        }));
        using var clients = AwsClients.Create(TestConnections.InProcess(handler));

        await Reader(clients).ReadAsync(new LogReadRequest { Since = Since, Revision = 7 }, _ => { }, CancellationToken.None);
        await Reader(clients).ReadAsync(new LogReadRequest { Since = Since, TaskId = Tasks + "t1" }, _ => { }, CancellationToken.None);

        var filters = handler.Requests.Where(r => r.Operation == "FilterLogEvents").Select(r => r.Json!["logStreamNames"]!.AsArray().Select(n => n!.GetValue<string>()).ToList()).ToList();
        Assert.Equal([["autopr/autopr/r1", "autopr/autopr/s1"], ["autopr/autopr/t1"]], filters);
    }

    [Fact]
    public async Task A_follow_of_a_revision_describes_each_task_once_and_picks_up_new_ones()
    {
        using var stop = new CancellationTokenSource();
        var polls = 0;
        var handler = new RecordingHandler((request, _) => RecordingHandler.Json(HttpStatusCode.OK, request.Operation switch
        {
            // A second task of revision 7 starts at the third poll.
            "ListTasks" when request.Json!["desiredStatus"]!.GetValue<string>() == "RUNNING" =>
                ++polls >= 3 ? $$"""{"taskArns":["{{Tasks}}r1","{{Tasks}}r2"]}""" : $$"""{"taskArns":["{{Tasks}}r1"]}""",
            "ListTasks" => """{"taskArns":[]}""",
            "DescribeTasks" => $$"""{"tasks":[{{string.Join(',', request.Json!["tasks"]!.AsArray().Select(t => $$"""{"taskArn":"{{t}}","taskDefinitionArn":"arn:aws:ecs:us-east-1:000000000000:task-definition/autopr-local:7"}"""))}}]}""",
            _ => Stop(polls >= 4, stop),
        }));
        using var clients = AwsClients.Create(TestConnections.InProcess(handler));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Reader(clients).ReadAsync(new LogReadRequest { Since = Since, Revision = 7, Follow = true, PollInterval = TimeSpan.FromMilliseconds(20) }, _ => { }, stop.Token));

        var described = handler.Requests.Where(r => r.Operation == "DescribeTasks").Select(r => string.Join(",", r.Json!["tasks"]!.AsArray().Select(t => t!.GetValue<string>()[Tasks.Length..]))).ToList();
        Assert.Equal(["r1", "r2"], described);
        var streams = handler.Requests.Where(r => r.Operation == "FilterLogEvents").Select(r => r.Json!["logStreamNames"]!.AsArray().Count).ToList();
        Assert.Equal([1, 1, 2, 2], streams);
    }

    [Fact]
    public async Task A_follow_asks_again_from_a_little_before_the_newest_line_writes_each_line_once_and_ends_by_cancellation()
    {
        using var stop = new CancellationTokenSource();
        var handler = new RecordingHandler((_, index) =>
        {
            if (index == 2)
            {
                stop.Cancel();
            }

            return RecordingHandler.Json(HttpStatusCode.OK, index == 0
                ? Events(("autopr/autopr/a", 20, "1", "one"), ("autopr/autopr/b", 21, "2", "two"))
                : Events(("autopr/autopr/b", 21, "2", "two"), ("autopr/autopr/a", 22, "3", "three")));
        });
        using var clients = AwsClients.Create(TestConnections.InProcess(handler));
        var lines = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Reader(clients).ReadAsync(new LogReadRequest { Since = Since, Follow = true, PollInterval = TimeSpan.FromMilliseconds(20) }, l => lines.Add(l.Message), stop.Token));

        Assert.Equal(["one", "two", "three"], lines);
        var starts = handler.Requests.Select(r => r.Json!["startTime"]!.GetValue<long>() - Since.ToUnixTimeMilliseconds()).ToList();
        Assert.Equal([0L, 11_000L, 12_000L], starts);
    }

    [Fact]
    public async Task A_log_group_that_does_not_exist_is_refused_naming_it()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"ResourceNotFoundException","message":"The specified log group does not exist."}"""));
        using var clients = AwsClients.Create(TestConnections.InProcess(handler));

        var refused = await Assert.ThrowsAsync<DeploymentRefusedException>(() => Reader(clients).ReadAsync(new LogReadRequest { Since = Since, Follow = true }, _ => { }, CancellationToken.None));

        Assert.StartsWith("the log group /ecs/autopr-local does not exist in us-east-1", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Theory]
    [InlineData("10m", "2026-12-06T20:50:00Z")]
    [InlineData("2h", "2026-12-06T19:00:00Z")]
    [InlineData("30s", "2026-12-06T20:59:30Z")]
    [InlineData("1h30m", "2026-12-06T19:30:00Z")]
    [InlineData("1d", "2026-12-05T21:00:00Z")]
    [InlineData("2026-12-06T18:15:00Z", "2026-12-06T18:15:00Z")]
    [InlineData("2026-12-06T18:15:00+01:00", "2026-12-06T17:15:00Z")]
    [InlineData("2026-12-06 18:15", "2026-12-06T18:15:00Z")]
    public void Since_reads_durations_and_ISO_times(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), LogSince.Parse(text, Since));

    [Theory]
    [InlineData("")]
    [InlineData("ten minutes")]
    [InlineData("10")]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("10x")]
    public void Since_that_cannot_be_read_is_null(string text) => Assert.Null(LogSince.Parse(text, Since));

    private static string Stop(bool now, CancellationTokenSource stop)
    {
        if (now)
        {
            stop.Cancel();
        }

        return Events();
    }

    private static LogReader Reader(AwsClients clients) =>
        new(clients.Ecs, clients.Logs, RepositoryEnvironments.Load("local"), "autopr-local", TimeProvider.System, NullLogger.Instance);

    private static string Events(params (string Stream, int Second, string Id, string Message)[] events) => new JsonObject
    {
        ["events"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
        {
            ["logStreamName"] = e.Stream,
            ["timestamp"] = Since.AddSeconds(e.Second).ToUnixTimeMilliseconds(),
            ["message"] = e.Message,
            ["eventId"] = e.Id,
        })]),
    }.ToJsonString();
}
