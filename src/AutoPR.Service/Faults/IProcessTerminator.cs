namespace AutoPR.Service.Faults;

/// <summary>Ends the process at once with an exit code; a seam so in-process tests can watch a crash fault fire.</summary>
internal interface IProcessTerminator
{
    void Terminate(int exitCode);
}

/// <summary>A real crash: no graceful stop, no drain, the exit code the contract names.</summary>
internal sealed class EnvironmentExitTerminator : IProcessTerminator
{
    public void Terminate(int exitCode) => Environment.Exit(exitCode);
}
