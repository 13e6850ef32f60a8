using System.Text.Json.Serialization;

namespace AutoPR.Deployment.Environments;

/// <summary>
/// The service's PostgreSQL database: which secret holds its URL, and what happens before migrations run. With it,
/// DeployEcs runs the new image's migrations as a one-off task before the rollout (Migrate), and Rollback can take
/// the schema back with the release (--database).
/// </summary>
public sealed record DatabaseSettings
{
    /// <summary>The entry of <see cref="DeploymentEnvironment.Secrets"/> whose parameter holds the database URL.</summary>
    public string UrlSecret { get; init; } = "DATABASE_URL";

    /// <summary>Whether DeployEcs runs the migrations before the rollout (Migrate); off, they are run by hand.</summary>
    public bool MigrateBeforeRollout { get; init; } = true;

    /// <summary>The backup taken before migrations run (and before down steps).</summary>
    public DatabaseBackupKind Backup { get; init; } = DatabaseBackupKind.None;

    /// <summary>The RDS instance a <see cref="DatabaseBackupKind.RdsSnapshot"/> snapshots.</summary>
    public string? DbInstanceIdentifier { get; init; }

    /// <summary>Local environments: the loopback port of the local stack's PostgreSQL, which LocalUp starts.</summary>
    public int? LocalPort { get; init; }
}

/// <summary>How the database is backed up before a migration.</summary>
public enum DatabaseBackupKind
{
    /// <summary>No backup.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>An RDS manual snapshot (CreateDBSnapshot), waited for until available.</summary>
    [JsonStringEnumMemberName("rds-snapshot")]
    RdsSnapshot,

    /// <summary>pg_dump from this machine into .autopr/local-stack/backups/ (local environments).</summary>
    [JsonStringEnumMemberName("pg-dump")]
    PgDump,
}
