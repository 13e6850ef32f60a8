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
}
