using System.Globalization;
using System.Net;
using AutoPR.Images.Host;
using Microsoft.Extensions.Logging;

namespace AutoPR.Images.Engine;

/// <summary>
/// Starts Debian's docker-registry (distribution 2.8) on a loopback address with storage under the
/// state directory, detached so it serves later runs too.
/// </summary>
internal sealed class RegistryLauncher(DockerEnvironmentOptions options, ILogger logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task StartAsync(string address, CancellationToken cancellationToken)
    {
        EnsureLoopback(address);
        var registry = Executables.Find("docker-registry")
            ?? throw new DockerEnvironmentException("docker-registry is not installed: install Debian's docker-registry (apt-get install docker-registry).");
        var directory = Path.Combine(options.StateDirectory, "registry");
        var storage = Path.Combine(directory, "data");
        Directory.CreateDirectory(storage);
        var portSuffix = address[(address.LastIndexOf(':') + 1)..];
        var configFile = Path.Combine(directory, $"config-{portSuffix}.yml");
        await File.WriteAllTextAsync(configFile, Config(address, storage), cancellationToken);
        var logFile = Path.Combine(options.StateDirectory, "logs", $"registry-{portSuffix}.log");

        logger.LogInformation("Starting docker-registry at {Address} (storage {Storage}, log {Log})", address, storage, logFile);
        using var process = DetachedProcess.Start(registry, ["serve", configFile], logFile);
        await File.WriteAllTextAsync(Path.Combine(options.RunDirectory, $"registry-{portSuffix}.pid"), process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);

        var deadline = DateTimeOffset.UtcNow + options.StartTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await RegistryProbe.ProbeAsync(address, TimeSpan.FromSeconds(2), cancellationToken) == RegistryProbe.State.Serving)
            {
                logger.LogInformation("docker-registry answers at {Address}", address);
                return;
            }

            if (process is { HasExited: true, ExitCode: not 0 })
            {
                throw new DockerEnvironmentException(
                    $"docker-registry exited with code {process.ExitCode} while starting at {address}; its log {logFile} ends with:{Environment.NewLine}{DetachedProcess.Tail(logFile)}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new DockerEnvironmentException(
            $"docker-registry did not answer at {address} within {options.StartTimeout.TotalSeconds:0} s; its log {logFile} ends with:{Environment.NewLine}{DetachedProcess.Tail(logFile)}");
    }

    private static string Config(string address, string storage) => $"""
        version: 0.1
        log:
          level: info
        storage:
          filesystem:
            rootdirectory: {storage}
          delete:
            enabled: true
        http:
          addr: {address}
        """ + "\n";

    private static void EnsureLoopback(string address)
    {
        var colon = address.LastIndexOf(':');
        var host = colon > 0 ? address[..colon].Trim('[', ']') : address;
        var isLoopback = host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        if (!isLoopback || colon <= 0 || !ushort.TryParse(address[(colon + 1)..], out _))
        {
            throw new DockerEnvironmentException(
                $"No registry answers at {address}, and one is only started on a loopback host:port (e.g. 127.0.0.1:5000): start that registry or give a loopback address.");
        }
    }
}
