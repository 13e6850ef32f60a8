using System.Globalization;
using AutoPR.Images.Host;
using Microsoft.Extensions.Logging;

namespace AutoPR.Images.BaseImages;

/// <summary>
/// Makes the base image's root filesystem with debootstrap (minbase plus the runtime-deps
/// packages) and the `app` user, into a staging folder first, so that an interrupted run never
/// leaves a half-made rootfs that looks finished. A finished rootfs is reused.
/// </summary>
internal sealed class RootFsBuilder(BaseImageOptions options, string recipe, ILogger logger)
{
    private const string RecipeMarker = ".autopr-recipe";

    public string Directory => options.RootFsDirectory;

    public bool IsFinished()
    {
        var marker = Path.Combine(options.RootFsDirectory, RecipeMarker);
        return File.Exists(marker) && File.ReadAllText(marker).Trim() == recipe;
    }

    public async Task EnsureAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (IsFinished())
        {
            logger.LogInformation("Reusing root filesystem {RootFs}", options.RootFsDirectory);
            return;
        }

        await DebianPackages.EnsureCommandsAsync(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["debootstrap"] = "debootstrap" },
            options.AllowInstall,
            $"Making the base image {options.ImageName}",
            logger,
            cancellationToken);
        if (!Executables.IsRoot)
        {
            throw new DockerEnvironmentException(
                $"Making the base image {options.ImageName} runs debootstrap, which needs root: run once as root, or provide the image (docker import of a {options.Suite} rootfs).");
        }

        var staging = options.RootFsDirectory + ".partial";
        DeleteIfExists(staging);
        System.IO.Directory.CreateDirectory(staging);

        progress?.Report($"debootstrap {options.Suite} (minbase + {string.Join(",", options.Packages)}) into {staging}");
        logger.LogInformation("Running debootstrap --variant=minbase {Suite} into {Staging}", options.Suite, staging);
        var arguments = new List<string>
        {
            "--variant=minbase",
            "--include=" + string.Join(",", options.Packages),
            options.Suite,
            staging,
        };
        if (options.Mirror is not null)
        {
            arguments.Add(options.Mirror);
        }

        await CommandRunner.RunAsync("debootstrap", arguments, logger, cancellationToken: cancellationToken);

        progress?.Report($"adding user app ({options.AppUid}) and trimming apt caches");
        await AddAppUserAsync(staging, cancellationToken);
        TrimCaches(staging);
        await File.WriteAllTextAsync(Path.Combine(staging, RecipeMarker), recipe, cancellationToken);

        DeleteIfExists(options.RootFsDirectory);
        System.IO.Directory.Move(staging, options.RootFsDirectory);
    }

    /// <summary>The same user as the official images: group and user `app`, uid/gid APP_UID, with a home.</summary>
    private async Task AddAppUserAsync(string root, CancellationToken cancellationToken)
    {
        var uid = options.AppUid.ToString(CultureInfo.InvariantCulture);
        await CommandRunner.RunAsync("chroot", [root, "groupadd", "--system", $"--gid={uid}", "app"], logger, cancellationToken: cancellationToken);
        await CommandRunner.RunAsync(
            "chroot",
            [root, "useradd", "--no-log-init", "--system", $"--uid={uid}", "--gid=app", "--create-home", "app"],
            logger,
            cancellationToken: cancellationToken);
    }

    private static void TrimCaches(string root)
    {
        foreach (var folder in new[] { "var/cache/apt/archives", "var/lib/apt/lists" })
        {
            var path = Path.Combine(root, folder);
            if (!System.IO.Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in System.IO.Directory.EnumerateFiles(path))
            {
                File.Delete(file);
            }
        }
    }

    private static void DeleteIfExists(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
    }
}
