using Microsoft.Extensions.Logging;

namespace AutoPR.Images.Host;

/// <summary>
/// Installs Debian packages with apt-get where the machine allows it (root with apt), as on CI and
/// the developer machines of this project; elsewhere it says what to install.
/// </summary>
internal static class DebianPackages
{
    private const string PolicyRcD = "/usr/sbin/policy-rc.d";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static readonly string[] InstallArguments = ["install", "-y", "--no-install-recommends"];

    /// <summary>Makes sure every command exists, installing the packages that provide the missing ones.</summary>
    /// <param name="commands">Command name to the Debian package that provides it.</param>
    public static async Task EnsureCommandsAsync(
        IReadOnlyDictionary<string, string> commands, bool allowInstall, string purpose, ILogger logger, CancellationToken cancellationToken)
    {
        var missing = commands.Where(pair => Executables.Find(pair.Key) is null).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var packages = missing.Select(pair => pair.Value).Distinct(StringComparer.Ordinal).ToList();
        var installHint = $"apt-get install {string.Join(' ', packages)}";
        var missingNames = string.Join(", ", missing.Select(pair => pair.Key));
        if (!allowInstall || !Executables.IsRoot || Executables.Find("apt-get") is null)
        {
            throw new DockerEnvironmentException(
                $"{purpose} needs {missingNames}, which is not installed: install Debian's {string.Join(", ", packages)} ({installHint}).");
        }

        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            if (commands.All(pair => Executables.Find(pair.Key) is not null))
            {
                return;
            }

            logger.LogWarning("{Purpose} needs {Missing}: installing Debian packages {Packages} with apt-get", purpose, missingNames, string.Join(" ", packages));
            await InstallAsync(packages, logger, cancellationToken);
        }
        finally
        {
            InstallGate.Release();
        }

        var stillMissing = commands.Keys.Where(name => Executables.Find(name) is null).ToList();
        if (stillMissing.Count > 0)
        {
            throw new DockerEnvironmentException($"apt-get installed {string.Join(", ", packages)} but {string.Join(", ", stillMissing)} is still missing.");
        }
    }

    private static async Task InstallAsync(IReadOnlyList<string> packages, ILogger logger, CancellationToken cancellationToken)
    {
        // Package scripts must not start the distribution's own services (a dockerd with bridge
        // networking and iptables, a registry on all interfaces): policy-rc.d 101 forbids it.
        var addedPolicy = false;
        if (!File.Exists(PolicyRcD))
        {
            await File.WriteAllTextAsync(PolicyRcD, "#!/bin/sh\nexit 101\n", cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(PolicyRcD, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            addedPolicy = true;
        }

        try
        {
            var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            await CommandRunner.RunAsync("apt-get", ["update"], logger, environment, cancellationToken: cancellationToken);
            await CommandRunner.RunAsync(
                "apt-get",
                InstallArguments.Concat(packages),
                logger,
                environment,
                cancellationToken: cancellationToken);
        }
        finally
        {
            if (addedPolicy)
            {
                File.Delete(PolicyRcD);
            }
        }
    }
}
