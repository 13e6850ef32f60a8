using AutoPR.Deployment.Templates;

namespace AutoPR.Deployment.Rollout;

/// <summary>One deployment: what to deploy and how.</summary>
public sealed record DeployRequest
{
    /// <summary>The rendered task and service definitions (<see cref="DeploymentTemplates.Render"/>).</summary>
    public required RenderedDeployment Rendered { get; init; }

    /// <summary>Who or what deploys (recorded in the history).</summary>
    public required string Actor { get; init; }

    /// <summary>Only plan and diff: no mutating call at all.</summary>
    public bool DryRun { get; init; }

    /// <summary>Whether a person confirmed the deployment (required where the environment requires approval).</summary>
    public bool Confirmed { get; init; }

    /// <summary>
    /// Judges the new revision while it rolls out (see <see cref="IRolloutGuard"/>); null to wait for the end. Not
    /// used when the deployment creates the service (no users yet, nothing to roll back to).
    /// </summary>
    public IRolloutGuard? Guard { get; init; }

    /// <summary>Decides about lifecycle hooks that wait (smoke checks, manual gates); null leaves them to others.</summary>
    public Gates.IDeploymentGates? Gates { get; init; }

    /// <summary>
    /// Runs after the revision is registered and before the service moves to it (the migrations: expand first).
    /// A throw stops the deployment with the service untouched; what it answers is recorded with the deployment.
    /// </summary>
    public Func<string, CancellationToken, Task<BeforeRolloutNote?>>? BeforeRollout { get; init; }

    /// <summary>A rollout timeout other than <see cref="EcsDeployerOptions.Timeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Checks the deployment alarms once the plan shows a change, before the first one (also in a dry run; not for a
    /// no-op or a resumed rollout): a throw refuses the deployment with nothing changed. Answers how long ECS is
    /// expected to hold the deployment for its alarm bake (see <see cref="RolloutWatch.ExpectedBake"/>), null for none.
    /// </summary>
    public Func<CancellationToken, Task<TimeSpan?>>? CheckAlarms { get; init; }
}

/// <summary>What a before-rollout step leaves for the deployment's record: the schema it migrated to, the backup it took.</summary>
public sealed record BeforeRolloutNote(Database.SchemaInfo? Schema, string? Backup);
