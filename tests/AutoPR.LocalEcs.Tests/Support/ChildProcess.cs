using System.ComponentModel;
using System.Diagnostics;

namespace AutoPR.LocalEcs.Tests.Support;

/// <summary>Runs a command-line client of LocalEcs (the AWS CLI, a boto3 script) to its end.</summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="start"/> with its output captured; a missing program fails with <paramref name="whenMissing"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start, string whenMissing)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException(whenMissing, error);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output, await error);
        }
    }
}
