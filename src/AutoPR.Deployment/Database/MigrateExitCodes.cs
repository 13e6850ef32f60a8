namespace AutoPR.Deployment.Database;

/// <summary>
/// What the service image's `migrate` command's exit codes mean: the contract between the image and this library
/// (the service's Hosting/ExitCodes.cs holds the same numbers).
/// </summary>
public static class MigrateExitCodes
{
    /// <summary>Migrated, or nothing to do.</summary>
    public const int Success = 0;

    /// <summary>A step failed; its transaction was rolled back, the steps before it stay applied.</summary>
    public const int StepFailed = 1;

    /// <summary>Bad input (no DATABASE_URL, --to a version the release does not know); nothing changed.</summary>
    public const int BadInput = 2;

    /// <summary>The database could not be reached (or refused the credentials); nothing changed.</summary>
    public const int DatabaseUnreachable = 4;

    /// <summary>A down step would lose data and --confirm-data-loss was not given; nothing changed.</summary>
    public const int DataLossRefused = 5;

    /// <summary>Another runner held the migration lock for too long; nothing changed.</summary>
    public const int LockTimeout = 6;
}
