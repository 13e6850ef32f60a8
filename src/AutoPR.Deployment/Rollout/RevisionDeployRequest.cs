using AutoPR.Deployment.History;

namespace AutoPR.Deployment.Rollout;

/// <summary>Moving a service to a revision that is already registered (a rollback): only the task definition changes.</summary>
public sealed record RevisionDeployRequest
{
    /// <summary>The revision to run.</summary>
    public required string TaskDefinitionArn { get; init; }

    /// <summary>Who or what asked for it.</summary>
    public required string Actor { get; init; }

    /// <summary>How the history records it.</summary>
    public DeploymentKind Kind { get; init; } = DeploymentKind.Rollback;

    /// <summary>Why (recorded).</summary>
    public string? Reason { get; init; }

    /// <summary>A rollout timeout other than <see cref="EcsDeployerOptions.Timeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }
}
