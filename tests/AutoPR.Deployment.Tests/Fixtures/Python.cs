using System.Diagnostics;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>Runs a helper script with python3 (botocore as the independent implementation); fails clearly when either is missing.</summary>
public static class Python
{
    public static async Task<string> RunScriptAsync(string scriptName, string input)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", scriptName);
        var start = new ProcessStartInfo("python3", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("python3 is not installed or not on PATH; these tests need python3 with botocore (pip install botocore).", ex);
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                var stderr = await error;
                var hint = stderr.Contains("No module named 'botocore'", StringComparison.Ordinal) ? " (botocore is missing: pip install botocore)" : string.Empty;
                throw new InvalidOperationException($"python3 {scriptName} failed with exit code {process.ExitCode}{hint}: {stderr}");
            }

            return await output;
        }
    }
}
