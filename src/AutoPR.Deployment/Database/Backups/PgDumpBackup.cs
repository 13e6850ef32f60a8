using System.Diagnostics;
using System.Globalization;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Ssm;

namespace AutoPR.Deployment.Database.Backups;

/// <summary>
/// pg_dump of a local stack's database (custom format) into a backups folder, the URL read from the environment's
/// SSM parameter. The password reaches pg_dump through PGPASSWORD, never its command line or this class's output.
/// </summary>
public sealed class PgDumpBackup(SsmClient ssm, string urlParameter, string directory, string environment, TimeProvider time) : IDatabaseBackup
{
    /// <inheritdoc />
    public async Task<string> BackUpAsync(string label, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        var parameter = await ssm.GetParameterAsync(urlParameter, withDecryption: true, cancellationToken).ConfigureAwait(false);
        var url = new Uri(parameter.Value);
        var user = Uri.UnescapeDataString(url.UserInfo.Split(':')[0]);
        var password = url.UserInfo.Contains(':', StringComparison.Ordinal) ? Uri.UnescapeDataString(url.UserInfo[(url.UserInfo.IndexOf(':', StringComparison.Ordinal) + 1)..]) : null;
        var database = url.AbsolutePath.Trim('/');
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{environment}-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.dump");
        var start = new ProcessStartInfo("pg_dump")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList =
            {
                "--format=custom", "--no-owner", "--file", file, "--host", url.Host,
                "--port", (url.Port > 0 ? url.Port : 5432).ToString(CultureInfo.InvariantCulture), "--username", user, "--dbname", database,
            },
        };
        if (password is not null)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("pg_dump did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new DeploymentFailedException("the backup before migrating needs pg_dump, which is not installed: install Debian's postgresql-client; nothing was migrated");
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var said = (await errors.ConfigureAwait(false)).Trim().Split('\n').LastOrDefault() ?? "";
                throw new DeploymentFailedException($"pg_dump of {url.Host}:{url.Port}/{database} failed (exit code {process.ExitCode}): {said}; nothing was migrated");
            }
        }

        // A dump holds the data: readable by this user only.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var size = new FileInfo(file).Length;
        progress?.Report(new DatabaseBackupProgress(time.GetUtcNow(), $"pg_dump of {database} into {file} ({size / 1024.0:0.#} KiB, {clock.Elapsed.TotalSeconds:0.0} s; {label})"));
        return file;
    }
}
