namespace AutoPR.Images.Engine;

/// <summary>
/// Where to look for a Docker engine and an OCI registry, and where to start them when none runs.
/// The defaults match the daemons a developer machine or CI of this project runs.
/// </summary>
public sealed record DockerEnvironmentOptions
{
    /// <summary>The local stack's registry (deploy/environments/local.json).</summary>
    public const string DefaultRegistryAddress = "127.0.0.1:5000";

    /// <summary>Engine to use first; null means DOCKER_HOST, then the default socket, then the private daemon.</summary>
    public Uri? DockerHost { get; init; }

    /// <summary>Whether engines that already run (the given host, DOCKER_HOST, the default socket) are used; false: only the private daemon.</summary>
    public bool UseRunningEngines { get; init; } = true;

    /// <summary>Registry host:port to make reachable; null when only the engine is needed.</summary>
    public string? RegistryAddress { get; init; } = DefaultRegistryAddress;

    /// <summary>Persistent state of the daemons this piece starts (engine data-root, registry storage, logs).</summary>
    public string StateDirectory { get; init; } = "/var/lib/autopr";

    /// <summary>Runtime files of the daemons this piece starts (socket, pid files, exec-root, lock).</summary>
    public string RunDirectory { get; init; } = "/run/autopr";

    /// <summary>Whether missing Debian packages may be installed with apt-get (root only).</summary>
    public bool AllowInstall { get; init; } = true;

    /// <summary>How long a started daemon may take to answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long to wait for another caller that holds the environment lock (it may be installing packages).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(15);

    internal Uri PrivateDockerHost => new($"unix://{Path.Combine(RunDirectory, "docker.sock")}");
}
