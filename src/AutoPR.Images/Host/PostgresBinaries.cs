using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AutoPR.Images.Host;

/// <summary>
/// Finds PostgreSQL's server programs (initdb, pg_ctl, pg_isready, psql, createdb). Debian keeps them off PATH in
/// /usr/lib/postgresql/&lt;version&gt;/bin; elsewhere they are on PATH. Installs Debian's postgresql with apt-get
/// when they are missing and the machine allows it (root with apt), as on CI.
/// </summary>
internal static class PostgresBinaries
{
    private const string DebianRoot = "/usr/lib/postgresql";
    private const string PolicyRcD = "/usr/sbin/policy-rc.d";
    private static readonly string[] Required = ["initdb", "pg_ctl", "pg_isready", "psql", "createdb"];
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The folder holding every required program: Debian's newest version, else the one PATH names.</summary>
    public static string? Find()
    {
        if (Directory.Exists(DebianRoot))
        {
            var newest = Directory.GetDirectories(DebianRoot)
                .Select(path => (Path: Path.Combine(path, "bin"), Version: int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(candidate => candidate.Version >= 0 && HasAll(candidate.Path))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Path)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return Executables.Find("initdb") is { } initdb && Path.GetDirectoryName(initdb) is { } folder && HasAll(folder) ? folder : null;
    }

    public static async Task<string> EnsureAsync(bool allowInstall, ILogger logger, CancellationToken cancellationToken)
    {
        if (Find() is { } found)
        {
            return found;
        }

        var missing = $"PostgreSQL's server programs ({string.Join(", ", Required)}) are not installed (looked in {DebianRoot}/<version>/bin and on PATH)";
        if (!allowInstall || !Executables.IsRoot || Executables.Find("apt-get") is null)
        {
            throw new PostgresUnavailableException($"{missing}: install Debian's postgresql (apt-get install postgresql) or run as root with apt-get to let it be installed.");
        }

        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            if (Find() is { } installedMeanwhile)
            {
                return installedMeanwhile;
            }

            logger.LogWarning("{Missing}: installing Debian's postgresql with apt-get", missing);
            await InstallAsync(logger, cancellationToken);
        }
        finally
        {
            InstallGate.Release();
        }

        return Find() ?? throw new PostgresUnavailableException($"apt-get installed postgresql, but {missing}.");
    }

    private static bool HasAll(string folder) => Required.All(name => File.Exists(Path.Combine(folder, name)));

    private static async Task InstallAsync(ILogger logger, CancellationToken cancellationToken)
    {
        // The package's scripts would start Debian's own cluster on port 5432: policy-rc.d 101 forbids it
        // (the same guard DebianPackages uses for dockerd and the registry).
        var addedPolicy = false;
        if (!File.Exists(PolicyRcD))
        {
            await File.WriteAllTextAsync(PolicyRcD, "#!/bin/sh\nexit 101\n", cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(PolicyRcD, (UnixFileMode)0b111_101_101);
            }

            addedPolicy = true;
        }

        try
        {
            var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            await CommandRunner.RunAsync("apt-get", ["update"], logger, environment, cancellationToken: cancellationToken);
            await CommandRunner.RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "postgresql"], logger, environment, cancellationToken: cancellationToken);
        }
        catch (CommandFailedException ex)
        {
            throw new PostgresUnavailableException($"installing Debian's postgresql with apt-get failed: {ex.Message}", ex);
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
