using System.Globalization;

namespace AutoPR.Deployment.History;

/// <summary>What was done.</summary>
public enum DeploymentKind
{
    /// <summary>A new revision rolled out (DeployEcs).</summary>
    Deploy,

    /// <summary>A return to an earlier revision (automated or manual).</summary>
    Rollback,

    /// <summary>A verification of what runs (Verify on its own).</summary>
    Verify,
}

/// <summary>How it ended.</summary>
public enum DeploymentOutcome
{
    /// <summary>The rollout completed; not verified (yet).</summary>
    Deployed,

    /// <summary>The rollout completed and verification passed: a known-good revision, a rollback target.</summary>
    Verified,

    /// <summary>Verification failed.</summary>
    VerificationFailed,

    /// <summary>The rollout failed (ECS stopped it, or the rollback of it failed).</summary>
    Failed,

    /// <summary>ECS rolled the rollout back (circuit breaker) or a rollback replaced it.</summary>
    RolledBack,

    /// <summary>The rollout did not finish within the timeout.</summary>
    TimedOut,

    /// <summary>Interrupted (Ctrl-C) while ECS was still rolling out.</summary>
    Canceled,
}

/// <summary>One deployment, rollback or verification of one task-definition revision in one environment.</summary>
public sealed record DeploymentRecord
{
    /// <summary>What was done.</summary>
    public required DeploymentKind Kind { get; init; }

    /// <summary>The environment name.</summary>
    public required string Environment { get; init; }

    /// <summary>The task-definition revision ARN (the record is kept as tags on it).</summary>
    public required string TaskDefinitionArn { get; init; }

    /// <summary>The image digest the revision runs.</summary>
    public string? ImageDigest { get; init; }

    /// <summary>The git commit the image was built from.</summary>
    public string? GitSha { get; init; }

    /// <summary>Who or what started it (a person, or the CI run).</summary>
    public required string Actor { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>How it ended.</summary>
    public required DeploymentOutcome Outcome { get; init; }

    /// <summary>Why (the failure's cause, the rollback's reason).</summary>
    public string? Reason { get; init; }

    /// <summary>The database schema the revision's release needs (from its /version, or its migration), when known.</summary>
    public Database.SchemaInfo? Schema { get; init; }

    /// <summary>The database backup taken before it migrated (an RDS snapshot id, a dump file), when one was.</summary>
    public string? Backup { get; init; }

    /// <summary>The revision number (from the ARN).</summary>
    public int Revision => RevisionOf(TaskDefinitionArn);

    /// <summary>The revision number at the end of a task-definition ARN (family:N), or 0.</summary>
    public static int RevisionOf(string? taskDefinitionArn)
    {
        var colon = taskDefinitionArn?.LastIndexOf(':') ?? -1;
        return colon >= 0 && int.TryParse(taskDefinitionArn![(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;
    }

    /// <summary>The family of a task-definition ARN (…:task-definition/FAMILY:N) or of FAMILY:N.</summary>
    public static string FamilyOf(string taskDefinitionArn)
    {
        ArgumentNullException.ThrowIfNull(taskDefinitionArn);
        var slash = taskDefinitionArn.LastIndexOf('/');
        var name = slash >= 0 ? taskDefinitionArn[(slash + 1)..] : taskDefinitionArn;
        var colon = name.LastIndexOf(':');
        return colon >= 0 ? name[..colon] : name;
    }
}
