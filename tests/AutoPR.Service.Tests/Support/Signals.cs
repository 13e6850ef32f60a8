using System.Runtime.InteropServices;

namespace AutoPR.Service.Tests.Support;

/// <summary>POSIX signals for child processes: Process.Kill only sends SIGKILL, but ECS and Docker stop with SIGTERM.</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    public static void SendSigterm(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);
}
