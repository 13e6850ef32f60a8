using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>
/// One ./build.sh run in a subprocess: its lines as they come (so a test can act when a deployment reaches a
/// stage), Ctrl-C (SIGINT), and its end with a generous timeout after which the process tree is killed.
/// </summary>
public sealed class BuildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private readonly Action<string>? _log;
    private readonly IReadOnlyList<string> _arguments;
    private event Action? LineArrived;

    private BuildProcess(Process process, IReadOnlyList<string> arguments, Action<string>? log)
    {
        _process = process;
        _arguments = arguments;
        _log = log;
    }

    /// <summary>The process id: build.sh execs the compiled build, so this is the build itself.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static BuildProcess Start(string root, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, Action<string>? log)
    {
        // Through `env --default-signal` (GNU coreutils): a test run started in the background inherits SIGINT
        // ignored, and would pass that on; a build in a terminal has the default handling that Ctrl-C relies on.
        // env, build.sh and the build exec one another: the id stays the build's.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("--default-signal");
        start.ArgumentList.Add(Path.Combine(root, "build.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        BuildEnvironment.Apply(start.Environment, environment);
        var build = new BuildProcess(new Process { StartInfo = start }, arguments, log);
        build._process.OutputDataReceived += (_, e) => build.Receive(e.Data, build._output);
        build._process.ErrorDataReceived += (_, e) => build.Receive(e.Data, build._error);
        log?.Invoke($"$ ./build.sh {string.Join(' ', arguments)}");
        build._process.Start();
        build._process.BeginOutputReadLine();
        build._process.BeginErrorReadLine();
        return build;
    }

    /// <summary>Waits until a line of either stream contains <paramref name="text"/>; fails when the run ends or the time is up first.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            lock (_gate)
            {
                if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
                {
                    found.TrySetResult(line);
                }
            }
        }

        LineArrived += Check;
        try
        {
            Check();
            var exited = _process.WaitForExitAsync();
            using var timer = new CancellationTokenSource(timeout);
            var first = await Task.WhenAny(found.Task, exited, Task.Delay(Timeout.Infinite, timer.Token));
            if (first == found.Task)
            {
                return await found.Task;
            }

            Check();
            if (found.Task.IsCompleted)
            {
                return await found.Task;
            }

            throw new InvalidOperationException(
                $"'{text}' did not appear {(first == exited ? "before the run ended" : $"within {timeout.TotalSeconds:0} s")}:\n{Snapshot(timedOut: false)}");
        }
        finally
        {
            LineArrived -= Check;
        }
    }

    /// <summary>Ctrl-C: SIGINT to the build, as a terminal sends it.</summary>
    public void Interrupt()
    {
        _log?.Invoke($"(SIGINT to pid {Id})");
        using var kill = Process.Start("kill", ["-INT", Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL to the build and everything it started: a CI runner that dies, no clean-up of any kind.</summary>
    public void Kill()
    {
        _log?.Invoke($"(SIGKILL to pid {Id} and its children)");
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits for the end; after <paramref name="timeout"/> kills the process tree and returns a timed-out run.</summary>
    public async Task<BuildRun> WaitAsync(TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return Snapshot(timedOut: true);
        }

        // The exit can overtake the last lines of the pipes; WaitForExit() without a timeout drains them.
        _process.WaitForExit();
        var run = Snapshot(timedOut: false);
        _log?.Invoke($"(exit {run.ExitCode})");
        return run;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Receive(string? line, StringBuilder stream)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            stream.Append(line).Append('\n');
            _lines.Add(line);
        }

        _log?.Invoke(line);
        LineArrived?.Invoke();
    }

    private BuildRun Snapshot(bool timedOut)
    {
        lock (_gate)
        {
            return new BuildRun(_arguments, _process.HasExited ? _process.ExitCode : -1, _output.ToString(), _error.ToString(), timedOut);
        }
    }
}
