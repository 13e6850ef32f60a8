using System.Text.RegularExpressions;

namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>What one ./build.sh run printed and how it ended; ToString() is the assertion message.</summary>
public sealed record BuildRun(IReadOnlyList<string> Arguments, int ExitCode, string Output, string Error, bool TimedOut)
{
    /// <summary>Standard output and standard error together.</summary>
    public string AllText => Output + "\n" + Error;

    /// <summary>The lines of both streams that match <paramref name="pattern"/>.</summary>
    public IReadOnlyList<string> Lines(string pattern) =>
        [.. AllText.Split('\n').Where(line => Regex.IsMatch(line, pattern))];

    public override string ToString()
    {
        var tail = string.Join('\n', Output.Split('\n').TakeLast(80));
        return $"./build.sh {string.Join(' ', Arguments)} -> exit {ExitCode}{(TimedOut ? " (timed out, killed)" : "")}\n" +
               $"--- stdout (last 80 lines) ---\n{tail}\n--- stderr ---\n{Error}";
    }
}
