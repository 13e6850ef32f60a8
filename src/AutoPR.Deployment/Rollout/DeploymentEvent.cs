using System.Globalization;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.History;

namespace AutoPR.Deployment.Rollout;

/// <summary>
/// Something a deployment, verification or rollback reports while it runs (through <see cref="IProgress{T}"/>).
/// Every event prints as one line (<see cref="Message"/>, also its ToString); hosts may switch on the type for
/// richer output.
/// </summary>
public abstract record DeploymentEvent(DateTimeOffset Time)
{
    /// <summary>The one-line, human-readable form.</summary>
    public abstract string Message { get; }

    /// <summary>"HH:mm:ss message".</summary>
    public string ToLine() => Time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " " + Message;

    /// <inheritdoc />
    public sealed override string ToString() => Message;
}

/// <summary>The plan is ready (what will change; the diffs).</summary>
public sealed record PlanReady(DateTimeOffset Time, DeploymentPlan Plan) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => Plan.Summary;
}

/// <summary>A new task-definition revision was registered.</summary>
public sealed record TaskDefinitionRegistered(DateTimeOffset Time, string TaskDefinitionArn) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"registered task definition {Label(TaskDefinitionArn)}";

    internal static string Label(string arn) => $"{DeploymentRecord.FamilyOf(arn)}:{DeploymentRecord.RevisionOf(arn).ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>An existing revision equals the rendered one and is used as is.</summary>
public sealed record TaskDefinitionReused(DateTimeOffset Time, string TaskDefinitionArn) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"task definition unchanged: using {TaskDefinitionRegistered.Label(TaskDefinitionArn)}";
}

/// <summary>The service was created (it did not exist).</summary>
public sealed record ServiceCreated(DateTimeOffset Time, string Service, string TaskDefinitionArn) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"created service {Service} on {TaskDefinitionRegistered.Label(TaskDefinitionArn)}";
}

/// <summary>The service was updated.</summary>
public sealed record ServiceUpdated(DateTimeOffset Time, string Service, string TaskDefinitionArn) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"updated service {Service} to {TaskDefinitionRegistered.Label(TaskDefinitionArn)}";
}

/// <summary>A deployment of the same revision was already in progress (an interrupted run): it is watched instead of started again.</summary>
public sealed record DeploymentResumed(DateTimeOffset Time, string TaskDefinitionArn, string? ServiceDeploymentArn) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"a deployment of {TaskDefinitionRegistered.Label(TaskDefinitionArn)} is already in progress ({ServiceDeploymentArn ?? "no service-deployment ARN"}): watching it";
}

/// <summary>The rollout's state changed: service-deployment status and stage, tasks and traffic per revision.</summary>
public sealed record RolloutProgressed(DateTimeOffset Time, string? Status, string? Stage, IReadOnlyList<RevisionProgress> Revisions) : DeploymentEvent(Time)
{
    /// <summary>Traffic-shifting strategies: where the shift stands ("canary 10 % -> autopr:42, bake 3m10s left").</summary>
    public TrafficStep? Step { get; init; }

    /// <inheritdoc />
    public override string Message =>
        $"{Status ?? "PENDING"}{(Stage is null ? string.Empty : " " + Stage)}: {(Step is null ? string.Empty : Step + "; ")}{string.Join("; ", Revisions.Select(r => r.ToString()))}";
}

/// <summary>The smoke checks began on the test listener (the new revision only answers there).</summary>
public sealed record SmokeChecksStarted(DateTimeOffset Time, Uri TestListener, int Requests) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"smoke checks: {Requests} requests to the test listener {TestListener.GetLeftPart(UriPartial.Authority)}";
}

/// <summary>The smoke checks ended: null <see cref="Failure"/> means all passed.</summary>
public sealed record SmokeChecksFinished(DateTimeOffset Time, string? Failure, bool AwaitsProbes = false) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => Failure is not null ? "smoke checks FAILED: " + Failure
        : AwaitsProbes ? "smoke checks passed; production traffic shifts once the probes have judged every route on the test listener"
        : "smoke checks passed: production traffic may shift";
}

/// <summary>The deployment waits at a PAUSE hook for ./build.sh Continue.</summary>
public sealed record ApprovalAwaited(DateTimeOffset Time, string Waiting, string Environment, bool Watching) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message =>
        $"{Waiting}: ./build.sh Continue --environment {Environment} (or --action rollback){(Watching ? "; watching until then" : string.Empty)}";
}

/// <summary>A new service event (each event once, oldest first).</summary>
public sealed record ServiceEventObserved(DateTimeOffset Time, EcsServiceEvent Event) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => "ecs: " + Event.Message;
}

/// <summary>A task of the new revision stopped.</summary>
public sealed record TaskStopped(DateTimeOffset Time, StoppedTask Task) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => Task.ToString();
}

/// <summary>ECS started rolling the deployment back.</summary>
public sealed record RollbackObserved(DateTimeOffset Time, string Reason) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => "ECS is rolling back: " + Reason;
}

/// <summary>The watched rollout ended.</summary>
public sealed record RolloutFinished(DateTimeOffset Time, RolloutResult Result) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => Result.Outcome == RolloutOutcome.Succeeded
        ? (Result.IsRollback ? "rollback succeeded" : "rollout succeeded")
        : $"{(Result.IsRollback ? "rollback" : "rollout")} {Result.Outcome switch { RolloutOutcome.RolledBack => "rolled back", RolloutOutcome.TimedOut => "timed out", RolloutOutcome.AwaitingApproval => "left open", _ => "failed" }}: {Result.Reason}";
}

/// <summary>The new tasks all run and the old ones stopped: ECS now holds the deployment while it watches its alarms.</summary>
public sealed record AlarmBakeStarted(DateTimeOffset Time, IReadOnlyList<string> Alarms, TimeSpan? Expected) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message =>
        $"ECS bakes the deployment under its alarms ({string.Join(", ", Alarms)})" +
        (Expected is { } bake ? $", about {bake.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s" : "") + ", before it completes";
}

/// <summary>Nothing to deploy, but the service runs fewer tasks than it should: the deployment waits until ECS has replaced them.</summary>
public sealed record ServiceSettling(DateTimeOffset Time, string Service, int Running, int Desired) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"nothing to change, but service {Service} runs {Running} of {Desired} tasks: waiting for ECS to start the rest";
}

/// <summary>A record was written to the history.</summary>
public sealed record HistoryRecorded(DateTimeOffset Time, DeploymentRecord Record) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => $"recorded {Record.Kind} {Record.Outcome} on {TaskDefinitionRegistered.Label(Record.TaskDefinitionArn)}";
}
