namespace AutoPR.Build;

/// <summary>
/// Thrown by a target action to fail with a given process exit code (e.g. RunTask exits with its task's code); the
/// message is the failure's one line. The build exits with the code of the first target that failed this way.
/// </summary>
public sealed class TargetExitCodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TargetExitCodeException(int exitCode, string message)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exitCode);
        ExitCode = exitCode;
    }

    /// <summary>The exit code the build ends with (1-255).</summary>
    public int ExitCode { get; }
}
