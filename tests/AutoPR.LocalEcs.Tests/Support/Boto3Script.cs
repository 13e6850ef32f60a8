using System.Diagnostics;
using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Tests.Support;

/// <summary>Runs one of the boto3 driver scripts (Support/boto3_*.py) with python3: an independent client of LocalEcs.</summary>
internal static class Boto3Script
{
    /// <summary>Runs <paramref name="script"/> (a file name in Support) to its end.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Support", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return ChildProcess.RunAsync(start, "python3 is not installed (boto3 tests need python3 with boto3).");
    }

    /// <summary>Runs it, fails the test when it failed a check, and answers the JSON line it printed last.</summary>
    public static async Task<JsonNode> RunCheckedAsync(string script, params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(script, arguments);
        Assert.True(exitCode == 0, $"{script} failed ({exitCode}): {error}\n{output}");
        return JsonNode.Parse(output.Trim().Split('\n')[^1])!;
    }
}
