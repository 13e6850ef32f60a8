namespace AutoPR.Images.BaseImages;

/// <summary>
/// The recipe of the local base image: a Debian minbase root filesystem with the packages the
/// official .NET runtime-deps image has, and its non-root user `app` (uid 1654).
/// </summary>
public sealed record BaseImageOptions
{
    /// <summary>Name the Dockerfile's BASE_IMAGE gets locally and in tests.</summary>
    public const string DefaultImageName = "autopr/runtime-deps:bookworm";

    public string ImageName { get; init; } = DefaultImageName;

    public string Suite { get; init; } = "bookworm";

    /// <summary>Debian mirror for debootstrap; null is debootstrap's default.</summary>
    public string? Mirror { get; init; }

    /// <summary>The runtime-deps packages (mcr.microsoft.com/dotnet/runtime-deps, Debian 12).</summary>
    public IReadOnlyList<string> Packages { get; init; } =
        ["ca-certificates", "libc6", "libgcc-s1", "libicu72", "libssl3", "libstdc++6", "tzdata", "zlib1g"];

    /// <summary>Uid and gid of the `app` user, as in the official images (their APP_UID).</summary>
    public int AppUid { get; init; } = 1654;

    /// <summary>Where the root filesystem is made and kept for reuse.</summary>
    public string RootFsDirectory { get; init; } = "/var/lib/autopr/rootfs/runtime-deps-bookworm";

    /// <summary>Whether debootstrap may be installed with apt-get when missing (root only).</summary>
    public bool AllowInstall { get; init; } = true;

    /// <summary>How long to wait for another process making the same image.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(20);
}
