using System.Diagnostics;
using AutoPR.Images.Host;
using Microsoft.Extensions.Logging;

namespace AutoPR.Images.Engine;

/// <summary>
/// Starts the installed dockerd with a private socket, data-root and exec-root, without bridge
/// networking or iptables rules (containers use host networking, and the machine's network stays
/// untouched), detached so it serves later runs too.
/// </summary>
internal sealed class DockerDaemonLauncher(DockerEnvironmentOptions options, ILogger logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private string LogFile => Path.Combine(options.StateDirectory, "logs", "dockerd.log");

    public async Task<Version> StartAsync(CancellationToken cancellationToken)
    {
        var dockerd = Executables.Find("dockerd")
            ?? throw new DockerEnvironmentException("dockerd is not installed: install Debian's docker.io (apt-get install docker.io).");
        var socket = options.PrivateDockerHost;
        var pidFile = Path.Combine(options.RunDirectory, "dockerd.pid");
        if (LiveProcessFromPidFile(pidFile) is { } running)
        {
            // A daemon of ours is still starting (or hung): give it the start timeout before failing.
            logger.LogInformation("dockerd (pid {Pid}) is running but not answering yet at {Socket}; waiting", running, socket);
            return await WaitUntilAnsweringAsync(socket, process: null, cancellationToken);
        }

        Directory.CreateDirectory(options.RunDirectory);
        var dataRoot = Path.Combine(options.StateDirectory, "docker");
        Directory.CreateDirectory(dataRoot);
        string[] arguments =
        [
            "--bridge=none", "--iptables=false", "--ip6tables=false",
            "--data-root", dataRoot,
            "--exec-root", Path.Combine(options.RunDirectory, "exec"),
            "-H", socket.ToString(),
            "--pidfile", pidFile,
        ];
        logger.LogInformation("Starting dockerd at {Socket} (data-root {DataRoot}, log {Log})", socket, dataRoot, LogFile);
        using var process = DetachedProcess.Start(dockerd, arguments, LogFile);
        return await WaitUntilAnsweringAsync(socket, process, cancellationToken);
    }

    private async Task<Version> WaitUntilAnsweringAsync(Uri socket, Process? process, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + options.StartTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await DockerClients.ProbeApiVersionAsync(socket, TimeSpan.FromSeconds(5), cancellationToken) is { } api)
            {
                logger.LogInformation("dockerd answers at {Socket} (API {Api})", socket, api);
                return api;
            }

            if (process is { HasExited: true, ExitCode: not 0 })
            {
                throw new DockerEnvironmentException(
                    $"dockerd exited with code {process.ExitCode} while starting; its log {LogFile} ends with:{Environment.NewLine}{DetachedProcess.Tail(LogFile)}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new DockerEnvironmentException(
            $"dockerd did not answer at {socket} within {options.StartTimeout.TotalSeconds:0} s; its log {LogFile} ends with:{Environment.NewLine}{DetachedProcess.Tail(LogFile)}");
    }

    internal static int? LiveProcessFromPidFile(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            return null;
        }

        return Directory.Exists($"/proc/{pid}") ? pid : null;
    }
}
