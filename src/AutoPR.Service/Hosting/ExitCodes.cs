namespace AutoPR.Service.Hosting;

/// <summary>Process exit codes; the numbers are part of the runtime contract (LocalEcs reports them as stop reasons).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The service failed unexpectedly (for example its port was taken); also the healthcheck's "unhealthy".</summary>
    public const int Failure = 1;

    /// <summary>An environment variable holds an unusable value; the log says which.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>AUTOPR_FAULT_CRASH_ON_START made the service crash on purpose.</summary>
    public const int CrashFault = 3;

    // `AutoPR.Service migrate` (a one-off task). Usage errors, a missing DATABASE_URL and an unknown --to
    // version share InvalidConfiguration (2); a failed step is Failure (1). The rest get their own numbers,
    // after CrashFault, so a task's stop reason alone tells what stopped it.

    /// <summary>migrate could not connect to the database (refused, timed out, authentication, no such database).</summary>
    public const int DatabaseUnreachable = 4;

    /// <summary>migrate would go down through a destructive step and --confirm-data-loss was not given; nothing ran.</summary>
    public const int DataLossNotConfirmed = 5;

    /// <summary>Another migration runner held the advisory lock for longer than migrate waits; nothing ran.</summary>
    public const int MigrationLockTimeout = 6;
}
