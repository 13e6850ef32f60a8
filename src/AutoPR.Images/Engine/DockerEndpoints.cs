using Docker.DotNet;

namespace AutoPR.Images.Engine;

/// <summary>A reachable Docker engine (and registry, when one was asked for).</summary>
/// <param name="DockerHost">Engine endpoint, e.g. unix:///run/autopr/docker.sock.</param>
/// <param name="ApiVersion">Engine API version every client of this engine requests (the daemon's own).</param>
/// <param name="RegistryAddress">Registry host:port, e.g. 127.0.0.1:5000; null when none was asked for.</param>
/// <param name="Actions">What had to be done to get here (empty when both were already running).</param>
public sealed record DockerEndpoints(Uri DockerHost, Version ApiVersion, string? RegistryAddress, IReadOnlyList<string> Actions)
{
    /// <summary>A client pinned to this engine's API version; the caller disposes it.</summary>
    public DockerClient CreateClient() => DockerClients.Create(DockerHost, ApiVersion);
}
