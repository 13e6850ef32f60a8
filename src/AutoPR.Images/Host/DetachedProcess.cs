using System.Diagnostics;

namespace AutoPR.Images.Host;

/// <summary>
/// Starts a daemon in its own session with its output appended to a log file, so it outlives the
/// process that started it (a test run, a build) and holds none of its pipes.
/// </summary>
public static class DetachedProcess
{
    // setsid gives the daemon its own session; sh only redirects the output and execs the daemon,
    // so the pid returned is the daemon's.
    private const string RedirectAndExec = "log=\"$1\"; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null";

    public static Process Start(string program, IEnumerable<string> arguments, string logFile)
    {
        var setsid = Executables.Find("setsid")
            ?? throw new InvalidOperationException("setsid is missing: install Debian's util-linux (apt-get install util-linux).");
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var startInfo = new ProcessStartInfo(setsid) { UseShellExecute = false };
        foreach (var argument in new[] { "/bin/sh", "-c", RedirectAndExec, "sh", logFile, program }.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {program}.");
    }

    /// <summary>The last lines of a daemon's log, for error messages.</summary>
    public static string Tail(string logFile, int lines = 10)
    {
        if (!File.Exists(logFile))
        {
            return "(no log)";
        }

        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(Environment.NewLine, all.TakeLast(lines));
    }
}
