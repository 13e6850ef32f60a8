using System.Diagnostics;
using System.Globalization;
using AutoPR.LocalEcs.State;
using AutoPR.LocalEcs.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.LocalEcs.Cli;

/// <summary>
/// Stops the LocalEcs that runs on a state directory (SIGTERM to the pid in its pid file) and force-removes
/// every container labelled with that state directory's instance id, so nothing is left behind.
/// </summary>
public static class DownCommand
{
    public static async Task<int> RunAsync(string stateDirectory, string? dockerHost, CancellationToken cancellationToken)
    {
        var files = new StateFiles(stateDirectory);
        if (!File.Exists(files.InstanceId))
        {
            Console.WriteLine($"No LocalEcs state in {files.Directory}; nothing to stop.");
            return 0;
        }

        await StopProcessAsync(files, cancellationToken);
        dockerHost ??= File.Exists(files.DockerHostFile) ? File.ReadAllText(files.DockerHostFile).Trim() : null;
        using var runtime = new DockerTaskRuntime(DockerClientFactory.Create(dockerHost), files.ReadOrCreateInstanceId(), NullLogger<DockerTaskRuntime>.Instance);
        var removed = await runtime.RemoveAllAsync(cancellationToken);
        Console.WriteLine($"Removed {removed} LocalEcs container(s) of {files.Directory}.");
        return 0;
    }

    private static async Task StopProcessAsync(StateFiles files, CancellationToken cancellationToken)
    {
        if (!File.Exists(files.PidFile)
            || !int.TryParse(File.ReadAllText(files.PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            File.Delete(files.PidFile);
            File.Delete(files.ReadyFile);
            return;
        }

        using (process)
        {
            if (!IsLocalEcs(pid))
            {
                // A stale pid file: the number now belongs to another program, which must not be signalled.
                Console.WriteLine($"Pid {pid} in {files.PidFile} is not a LocalEcs process; not stopping it.");
                File.Delete(files.PidFile);
                File.Delete(files.ReadyFile);
                return;
            }

            Console.WriteLine($"Stopping LocalEcs (pid {pid}).");
            using (var kill = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(cancellationToken);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Console.WriteLine($"LocalEcs (pid {pid}) did not stop within 30 s of SIGTERM; killing it.");
                process.Kill();
            }
        }
    }

    private static bool IsLocalEcs(int pid)
    {
        var commandLine = $"/proc/{pid}/cmdline";
        return !File.Exists(commandLine) || File.ReadAllText(commandLine).Contains("AutoPR.LocalEcs", StringComparison.Ordinal);
    }
}
