namespace AutoPR.Deployment.Logs;

/// <summary>What the Logs target asks for: lines since a time, of one revision's tasks or one task, matching a pattern, once or followed.</summary>
public sealed record LogReadRequest
{
    /// <summary>Lines logged at or after this time.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Keep reading new lines every <see cref="PollInterval"/> until cancelled.</summary>
    public bool Follow { get; init; }

    /// <summary>Only the tasks of this task-definition revision of the service's family.</summary>
    public int? Revision { get; init; }

    /// <summary>Only this task (its id, or its ARN).</summary>
    public string? TaskId { get; init; }

    /// <summary>A CloudWatch Logs filter pattern (FilterLogEvents).</summary>
    public string? Pattern { get; init; }

    /// <summary>How often a follow asks for new lines.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>One line of a service container's output: when, which task (short id), what.</summary>
public sealed record ServiceLogLine(DateTimeOffset Timestamp, string TaskId, string Message)
{
    /// <summary>The first eight characters of the task id, as the console shows it.</summary>
    public string ShortTaskId => TaskId.Length > 8 ? TaskId[..8] : TaskId;

    /// <summary>"2026-12-06T22:01:02.345Z 1a2b3c4d message".</summary>
    public override string ToString() =>
        $"{Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)} {ShortTaskId} {Message.TrimEnd()}";
}
