using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace AutoPR.Build.Tests.Support;

/// <summary>
/// Runs a child process with a clean, predictable environment and a generous timeout. Build servers are
/// turned off: a lingering MSBuild node or compiler server would hold the output pipes open after the build.
/// </summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Variables of the test run that would change what the child prints or how it builds.</summary>
    private static readonly string[] Inherited = ["GITHUB_ACTIONS", "NO_COLOR", "CI", "TERM"];

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        Action<string, Process>? onOutputLine = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Prepare(start.Environment, environment);

        var output = new ConcurrentQueue<string>();
        var error = new ConcurrentQueue<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            onOutputLine?.Invoke(e.Data, process);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                error.Enqueue(e.Data);
            }
        };

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timer = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout ?? DefaultTimeout}.\n" +
                new ProcessResult(-1, string.Join('\n', output), string.Join('\n', error)));
        }

        return new ProcessResult(process.ExitCode, string.Join('\n', output), string.Join('\n', error));
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static void Prepare(IDictionary<string, string?> variables, IReadOnlyDictionary<string, string?>? overrides)
    {
        // `dotnet test` exports the SDK's MSBuild location to its children; a nested `dotnet build` must find its own.
        foreach (var name in variables.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || Inherited.Contains(k)).ToList())
        {
            variables.Remove(name);
        }

        variables["MSBUILDDISABLENODEREUSE"] = "1";
        variables["UseSharedCompilation"] = "false";
        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        variables["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }
    }
}
