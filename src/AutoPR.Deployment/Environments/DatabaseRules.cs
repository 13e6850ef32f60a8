namespace AutoPR.Deployment.Environments;

/// <summary>The cross-field rules of <see cref="DatabaseSettings"/>; each returns "PATH: PROBLEM; fix: FIX".</summary>
internal static class DatabaseRules
{
    public static IEnumerable<string> Check(DeploymentEnvironment environment)
    {
        if (environment.Database is not { } database)
        {
            yield break;
        }

        if (!environment.Secrets.ContainsKey(database.UrlSecret))
        {
            yield return $"$.database.urlSecret: \"{database.UrlSecret}\" is not an entry of secrets; fix: add secrets.{database.UrlSecret} (the SSM parameter ARN holding the database URL) or name an existing entry";
        }

        if (database.Backup == DatabaseBackupKind.PgDump && !environment.IsLocal)
        {
            yield return "$.database.backup: \"pg-dump\" runs pg_dump on this machine, which only reaches a local stack's database; fix: use \"rds-snapshot\" on AWS";
        }

        if (database.Backup == DatabaseBackupKind.RdsSnapshot && environment.IsLocal)
        {
            yield return "$.database.backup: \"rds-snapshot\" needs RDS, which a local environment does not have; fix: use \"pg-dump\"";
        }

        if (database.Backup == DatabaseBackupKind.RdsSnapshot && !environment.IsLocal && database.DbInstanceIdentifier is null)
        {
            yield return "$.database.dbInstanceIdentifier: missing, and backup \"rds-snapshot\" needs the RDS instance to snapshot; fix: set it, e.g. \"autopr-production\"";
        }

        if (database.LocalPort is not null && !environment.IsLocal)
        {
            yield return "$.database.localPort: only local environments have a local PostgreSQL; fix: remove it";
        }

        if (database.LocalPort is null && environment.IsLocal)
        {
            yield return "$.database.localPort: missing, and LocalUp must know where the local stack's PostgreSQL listens; fix: set a free loopback port, e.g. 5433";
        }
    }
}
