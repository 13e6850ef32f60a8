using AutoPR.Build;
using AutoPR.Deployment.Logs;

namespace AutoPR.BuildDefinition;

/// <summary>Logs: the service container's log lines of an environment (CloudWatch Logs).</summary>
internal sealed partial class Build
{
    [Parameter("Logs: lines since a duration back from now (30s, 10m, 2h, 1h30m) or an ISO 8601 time (2026-12-06T21:00:00Z); default 10m")]
    public string? Since { get; set; }

    [Parameter("Logs: keep printing new lines (every 2 s) until Ctrl-C, which ends it with exit code 0")]
    public bool Follow { get; set; }

    [Parameter("Logs: only this task's lines (its id or ARN)", Name = "Task")]
    public string? LogTask { get; set; }

    [Parameter("Logs: only lines matching this CloudWatch Logs filter pattern (terms, \"quoted phrases\"; for example ERROR or \"connection refused\")")]
    public string? Filter { get; set; }

    [Parameter("DeployEcs, Verify, Rollback, Continue: lines of each failing task's container log shown under a failure (default 20; 0 reads none)")]
    public int? FailureLogLines { get; set; }

    /// <summary>--since as a time; null when it cannot be read (a usage error before anything runs).</summary>
    DateTimeOffset? SinceTime => LogSince.Parse(Since ?? "10m", DateTimeOffset.UtcNow);

    Target Logs => _ => _
        .Description("Prints the service container's log lines (time, task, message) from the environment's CloudWatch Logs group: --since, --revision N (its tasks ECS still lists), --task ID, --filter PATTERN; --follow until Ctrl-C.")
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Requires(() => SinceTime is not null, LogSince.Expected)
        .Requires(() => Revision is null || LogTask is null, "Pass either --revision or --task, not both.")
        .EndsOnInterrupt()
        .Executes(async ct =>
        {
            var deployments = await DeploymentsAsync(ct);
            var request = new LogReadRequest { Since = SinceTime!.Value, Follow = Follow, Revision = Revision, TaskId = LogTask, Pattern = Filter };
            var count = await deployments.ReadLogsAsync(request, line => Console.Out.WriteLine(line.ToString()), ct);
            Serilog.Log.Information("{Count} lines from {Group}", count, deployments.Environment.LogGroup);
        });
}
