using System.Net;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Logs;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Logs;

/// <summary>The failing tasks' reasons, exit codes and last log lines under a failure (ECS and CloudWatch Logs answered in-process).</summary>
public sealed class FailingTaskLogsTests
{
    private const string Revision = "arn:aws:ecs:us-east-1:000000000000:task-definition/autopr-local:7";
    private const string Cluster = "arn:aws:ecs:us-east-1:000000000000:task/autopr-local/";

    [Fact]
    public async Task Known_stopped_tasks_show_reason_exit_code_and_last_lines_newest_own_stop_first_and_the_rest_counted()
    {
        var handler = new RecordingHandler((request, _) => Answer(request, stream => stream switch
        {
            "autopr/autopr/c3" => """{"events":[{"timestamp":1,"message":"starting"},{"timestamp":2,"message":"Crash fault: exiting with code 3  "}],"nextForwardToken":"f","nextBackwardToken":"b/0"}""",
            _ => """{"events":[{"timestamp":1,"message":"other"}],"nextForwardToken":"f","nextBackwardToken":"b/0"}""",
        }));
        using var clients = AwsClients.Create(TestConnections.InProcess(handler));
        var known = new[] { Crashed("a1"), Crashed("b2"), Crashed("c3"), Crashed("d4", "ServiceSchedulerInitiated"), Crashed("e5", "ServiceSchedulerInitiated") };

        var text = await new FailingTaskLogs(clients.Ecs, clients.Logs, RepositoryEnvironments.Load("local")).DescribeAsync(Revision, known, 20, CancellationToken.None);

        var lines = text.Split('\n');
        Assert.Equal("task c3 stopped: EssentialContainerExited: Essential container in task exited; autopr: exit code 3", lines[0]);
        Assert.Equal("  its last 2 lines (CloudWatch Logs /ecs/autopr-local autopr/autopr/c3):", lines[1]);
        Assert.Equal(["  | starting", "  | Crash fault: exiting with code 3"], lines[2..4]);
        Assert.StartsWith("task b2 stopped:", lines[4], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("task a1 stopped:", StringComparison.Ordinal));
        Assert.Equal("(2 more failing tasks not shown)", lines[^1]);
        Assert.Single(handler.Requests, r => r.Operation == "DescribeTaskDefinition");
        Assert.Equal(3, handler.Requests.Count(r => r.Operation == "GetLogEvents" && r.Json!["nextToken"] is null));
        Assert.All(handler.Requests.Where(r => r.Operation == "GetLogEvents" && r.Json!["nextToken"] is null), r => Assert.Equal(20, r.Json!["limit"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Without_known_tasks_the_stopped_tasks_of_the_revision_that_ECS_lists_are_shown()
    {
        var handler = new RecordingHandler((request, _) => Answer(request, _ => """{"events":[{"timestamp":1,"message":"GET / 500"}],"nextForwardToken":"f","nextBackwardToken":"b/0"}"""));
        using var clients = AwsClients.Create(TestConnections.InProcess(handler));

        var text = await new FailingTaskLogs(clients.Ecs, clients.Logs, RepositoryEnvironments.Load("local")).DescribeAsync(Revision, [], 5, CancellationToken.None);

        Assert.Equal("task s1 stopped: ServiceSchedulerInitiated: Deployment rolled back\n  its last 1 lines (CloudWatch Logs /ecs/autopr-local autopr/autopr/s1):\n  | GET / 500", text);
        var list = Assert.Single(handler.Requests, r => r.Operation == "ListTasks");
        Assert.Equal("STOPPED", list.Json!["desiredStatus"]!.GetValue<string>());
        Assert.Equal("autopr", list.Json!["serviceName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stream_that_is_missing_or_unreadable_is_one_line_and_never_an_exception()
    {
        var handler = new RecordingHandler((request, _) => request.Operation != "GetLogEvents"
            ? Answer(request, _ => "")
            : request.Json!["logStreamName"]!.GetValue<string>().EndsWith("a1", StringComparison.Ordinal)
                ? RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"ResourceNotFoundException","message":"The specified log stream does not exist."}""")
                : RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"AccessDeniedException","message":"not allowed"}"""));
        using var clients = AwsClients.Create(TestConnections.InProcess(handler));

        var text = await new FailingTaskLogs(clients.Ecs, clients.Logs, RepositoryEnvironments.Load("local")).DescribeAsync(Revision, [Crashed("a1"), Crashed("b2")], 20, CancellationToken.None);

        Assert.Contains("  (CloudWatch Logs /ecs/autopr-local autopr/autopr/a1 does not exist: the container wrote nothing)", text, StringComparison.Ordinal);
        Assert.Contains("  (CloudWatch Logs /ecs/autopr-local autopr/autopr/b2 could not be read: AccessDeniedException: not allowed)", text, StringComparison.Ordinal);
    }

    private static StoppedTask Crashed(string id, string stopCode = "EssentialContainerExited") => stopCode == "EssentialContainerExited"
        ? new StoppedTask(Cluster + id, Revision, stopCode, "Essential container in task exited", [Container(3)])
        : new StoppedTask(Cluster + id, Revision, stopCode, "Deployment rolled back", []);

    private static EcsContainerState Container(int exitCode) => new("autopr", null, null, "STOPPED", null, exitCode, null);

    private static HttpResponseMessage Answer(RecordedRequest request, Func<string, string> logs) => RecordingHandler.Json(HttpStatusCode.OK, request.Operation switch
    {
        "DescribeTaskDefinition" => $$"""
            {"taskDefinition":{"taskDefinitionArn":"{{Revision}}","family":"autopr-local","containerDefinitions":[{"name":"autopr",
              "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/autopr-local","awslogs-stream-prefix":"autopr","awslogs-region":"us-east-1"} } }]},"tags":[]}
            """,
        "ListTasks" => $$"""{"taskArns":["{{Cluster}}s1","{{Cluster}}x9"]}""",
        "DescribeTasks" => $$"""
            {"tasks":[{"taskArn":"{{Cluster}}s1","taskDefinitionArn":"{{Revision}}","lastStatus":"STOPPED","stopCode":"ServiceSchedulerInitiated","stoppedReason":"Deployment rolled back","stoppedAt":2},
                      {"taskArn":"{{Cluster}}x9","taskDefinitionArn":"{{Revision[..^1]}}6","lastStatus":"STOPPED","stopCode":"EssentialContainerExited","stoppedAt":3}],"failures":[]}
            """,
        // A page from the end, then (asked with its backward token) the start of the stream: the same token back.
        "GetLogEvents" => request.Json!["nextToken"] is { } token
            ? $$"""{"events":[],"nextForwardToken":"f","nextBackwardToken":"{{token.GetValue<string>()}}"}"""
            : logs(request.Json!["logStreamName"]!.GetValue<string>()),
        _ => "{}",
    });
}
