namespace AutoPR.Deployment.Tasks;

/// <summary>A one-off task: a revision of the service's task definition run once, with another command, to its end.</summary>
public sealed record OneOffTask
{
    /// <summary>The task-definition revision to run (ARN or family:revision).</summary>
    public required string TaskDefinitionArn { get; init; }

    /// <summary>The container's command (the image's entrypoint takes it as arguments); empty keeps the image's.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>What the task is for, in progress lines ("migrate", "run").</summary>
    public string Purpose { get; init; } = "run";

    /// <summary>How long it may take from RunTask to its end; then it is stopped and the run fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
}
