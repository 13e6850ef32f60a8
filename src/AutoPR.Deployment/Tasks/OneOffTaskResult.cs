using System.Globalization;
using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Tasks;

/// <summary>How a one-off task ended: its essential container's exit code, ECS's stop code and reason, its output.</summary>
public sealed record OneOffTaskResult
{
    /// <summary>The task's ARN.</summary>
    public required string TaskArn { get; init; }

    /// <summary>The revision it ran.</summary>
    public required string TaskDefinitionArn { get; init; }

    /// <summary>The essential container's exit code; null when it never ran (a task that could not start).</summary>
    public int? ExitCode { get; init; }

    /// <summary>ECS's stopCode (EssentialContainerExited, TaskFailedToStart, UserInitiated, ...).</summary>
    public string? StopCode { get; init; }

    /// <summary>ECS's stoppedReason.</summary>
    public string? StoppedReason { get; init; }

    /// <summary>From RunTask to STOPPED.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The container's last output lines, when its logs can be read (awslogs); empty otherwise.</summary>
    public IReadOnlyList<string> OutputTail { get; init; } = [];

    /// <summary>Where the output is, when it is not shown ("CloudWatch Logs group/stream"), or null.</summary>
    public string? OutputLocation { get; init; }

    /// <summary>The task ran and its essential container exited 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>The task's id (the last part of its ARN).</summary>
    public string TaskId => TaskArn[(TaskArn.LastIndexOf('/') + 1)..];

    /// <summary>One line: "one-off task 1a2b (autopr:7) exited 0 after 4.2 s" or why it did not run.</summary>
    public string Summary
    {
        get
        {
            var what = $"one-off task {TaskId} ({TaskDefinitionRegistered.Label(TaskDefinitionArn)})";
            var seconds = Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            return ExitCode is { } code
                ? $"{what} exited {code.ToString(CultureInfo.InvariantCulture)} after {seconds} s" + (StopCode is "EssentialContainerExited" or null ? "" : $" ({StopCode}: {StoppedReason})")
                : $"{what} did not run: {StopCode ?? "stopped"}: {StoppedReason ?? "no reason given"}";
        }
    }
}
