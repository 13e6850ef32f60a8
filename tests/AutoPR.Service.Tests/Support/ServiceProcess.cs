using System.Diagnostics;
using System.Net;

namespace AutoPR.Service.Tests.Support;

/// <summary>
/// The built service binary as a child process with a controlled environment, its stdout and stderr
/// collected line by line. Every wait polls with a generous deadline and fails with the process output.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Variables of the runtime contract: a test states each one it wants, none leaks in from the test runner.
    private static readonly string[] ContractVariables =
    [
        "PORT", "BIND_ADDRESS", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS",
        "LOG_LEVEL", "ENVIRONMENT", "SHUTDOWN_DRAIN_SECONDS", "SHUTDOWN_TIMEOUT_SECONDS", "DATABASE_URL",
    ];

    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ServiceProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    public bool HasExited => _process.HasExited;

    public static ServiceProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(ServiceBinary.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = System.IO.Path.GetDirectoryName(ServiceBinary.Path)!,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("AUTOPR_", StringComparison.Ordinal) || ContractVariables.Contains(name))
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(process);
        process.OutputDataReceived += (_, e) => service.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => service.Collect(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Runs the binary to completion (for short-lived commands) and returns it exited.</summary>
    public static async Task<ServiceProcess> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var process = Start(environment, arguments);
        try
        {
            await process.WaitForExitAsync();
            return process;
        }
        catch
        {
            // The caller never gets the process to dispose: do not leave it running.
            await process.DisposeAsync();
            throw;
        }
    }

    public void SendSigterm() => Signals.SendSigterm(_process.Id);

    public async Task<int> WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(Patience);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the service did not exit within {Patience.TotalSeconds} s; output:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async Task WaitForOutputAsync(string fragment)
    {
        var giveUp = DateTime.UtcNow + Patience;
        while (!Lines.Any(line => line.Contains(fragment, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < giveUp, $"no output line contained \"{fragment}\" within {Patience.TotalSeconds} s; output:\n{Output}");
            Assert.False(_process.HasExited && !Lines.Any(line => line.Contains(fragment, StringComparison.Ordinal)),
                $"the service exited with {(_process.HasExited ? _process.ExitCode : 0)} before printing \"{fragment}\"; output:\n{Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls until <paramref name="url"/> answers <paramref name="expected"/>; connection errors mean "not yet".</summary>
    public async Task WaitForStatusAsync(HttpClient client, Uri url, HttpStatusCode expected)
    {
        var giveUp = DateTime.UtcNow + Patience;
        var last = "no answer yet";
        while (true)
        {
            Assert.False(_process.HasExited, $"the service exited with {(_process.HasExited ? _process.ExitCode : 0)} while waiting for {url} to answer {(int)expected} (last: {last}); output:\n{Output}");
            Assert.True(DateTime.UtcNow < giveUp, $"{url} did not answer {(int)expected} within {Patience.TotalSeconds} s (last: {last}); output:\n{Output}");
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await client.GetAsync(url, attempt.Token);
                if (response.StatusCode == expected)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
