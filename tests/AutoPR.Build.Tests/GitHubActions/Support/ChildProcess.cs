using System.Diagnostics;
using System.Text;

namespace AutoPR.Build.Tests.GitHubActions;

/// <summary>How a child process ended and what it wrote.</summary>
internal sealed record ChildProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>
/// Runs node, npm, terraform and ./build.sh for the workflow and infra tests (AutoPR.Infra.Tests links this file),
/// with an environment that does not leak the test host's.
/// </summary>
internal static class ChildProcess
{
    public static async Task<ChildProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
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

        // `dotnet test` exports its MSBuild location; a nested build must find its own. A lingering build server
        // would hold the pipes open after ./build.sh exits. GitHub Actions variables would change the child's output.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("GITHUB_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["NO_COLOR"] = "1";
        // terraform fmt needs no network: no version checkpoint call either.
        start.Environment["CHECKPOINT_DISABLE"] = "1";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot start {fileName}: {e.Message}. Install it and put it on PATH.", e);
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }

        return new ChildProcessResult(process.ExitCode, await output, await error);
    }
}
