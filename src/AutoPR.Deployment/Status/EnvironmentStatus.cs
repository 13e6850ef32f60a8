using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Status;

/// <summary>
/// What runs in one environment, read at one moment: the service, its current service deployment, each revision with
/// its tasks (and traffic, while a BLUE_GREEN, CANARY or LINEAR deployment shifts it), the latest service events, and
/// the last verified release from the history. <see cref="EnvironmentStatusFormatter"/> prints it.
/// </summary>
public sealed record EnvironmentStatus
{
    /// <summary>The environment name.</summary>
    public required string Environment { get; init; }

    /// <summary>The cluster the environment file names.</summary>
    public required string Cluster { get; init; }

    /// <summary>The service the environment file names.</summary>
    public required string Service { get; init; }

    /// <summary>The service's status (ACTIVE, DRAINING); null when the service does not exist.</summary>
    public string? ServiceStatus { get; init; }

    /// <summary>The task definition of the service's primary deployment.</summary>
    public string? TaskDefinitionArn { get; init; }

    /// <summary>desiredCount.</summary>
    public int DesiredCount { get; init; }

    /// <summary>runningCount.</summary>
    public int RunningCount { get; init; }

    /// <summary>pendingCount.</summary>
    public int PendingCount { get; init; }

    /// <summary>deploymentConfiguration.strategy (ROLLING when ECS names none).</summary>
    public string Strategy { get; init; } = "ROLLING";

    /// <summary>The service deployment in progress or last finished (currentServiceDeployment), when ECS reports one.</summary>
    public ServiceDeploymentStatus? CurrentDeployment { get; init; }

    /// <summary>The revisions of the service's deployments and of its tasks, the primary first.</summary>
    public IReadOnlyList<RevisionStatus> Revisions { get; init; } = [];

    /// <summary>The newest service events, newest first.</summary>
    public IReadOnlyList<EcsServiceEvent> Events { get; init; } = [];

    /// <summary>The newest verified deployment, rollback or verification of the environment.</summary>
    public DeploymentRecord? LastVerified { get; init; }

    /// <summary>Where a Rollback without arguments would go: the newest verified release other than the running one.</summary>
    public DeploymentRecord? RollbackTarget { get; init; }

    /// <summary>Whether the service exists (an INACTIVE one does not).</summary>
    public bool ServiceExists => ServiceStatus is not null and not "INACTIVE";

    /// <summary>"autopr-staging:42", or null without a service.</summary>
    public string? Revision => TaskDefinitionArn is { } arn ? TaskDefinitionRegistered.Label(arn) : null;

    /// <summary>One line: the service and what it runs, or that it does not exist (with the fix).</summary>
    public string Summary => ServiceExists
        ? $"{Environment}: service {Service} ({Cluster}) {ServiceStatus}, runs {Revision ?? "no task definition"}; {RunningCount}/{DesiredCount} running, {PendingCount} pending"
        : $"{Environment}: service {Service} does not exist in cluster {Cluster}; nothing runs there; fix: deploy it first (./build.sh DeployEcs --environment {Environment})";
}
