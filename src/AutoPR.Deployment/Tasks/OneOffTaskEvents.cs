using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Tasks;

/// <summary>RunTask started a one-off task.</summary>
public sealed record OneOffTaskStarted(DateTimeOffset Time, string TaskArn, string TaskDefinitionArn, string Purpose, IReadOnlyList<string> Command) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message =>
        $"{Purpose}: started one-off task {TaskArn[(TaskArn.LastIndexOf('/') + 1)..]} of {TaskDefinitionRegistered.Label(TaskDefinitionArn)}" +
        (Command.Count > 0 ? $": {string.Join(' ', Command)}" : "");
}

/// <summary>The one-off task's status changed (PROVISIONING, PENDING, RUNNING, STOPPED).</summary>
public sealed record OneOffTaskStatus(DateTimeOffset Time, string Purpose, string LastStatus) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"{Purpose}: {LastStatus}";
}

/// <summary>A line the one-off task's container wrote (read from its log stream).</summary>
public sealed record OneOffTaskOutput(DateTimeOffset Time, string Purpose, string Line) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"{Purpose} | {Line}";
}

/// <summary>The one-off task stopped.</summary>
public sealed record OneOffTaskStopped(DateTimeOffset Time, string Purpose, OneOffTaskResult Result) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"{Purpose}: {Result.Summary}";
}
