using Docker.DotNet;

namespace AutoPR.LocalEcs.Tasks;

/// <summary>Creates Docker clients pinned to API 1.41, the version dockerd 20.10 speaks.</summary>
public static class DockerClientFactory
{
    public static readonly Version ApiVersion = new(1, 41);

    public static string ResolveHost(string? dockerHost) =>
        dockerHost is { Length: > 0 } ? dockerHost
        : Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : "unix:///var/run/docker.sock";

    public static DockerClient Create(string? dockerHost) =>
        new DockerClientBuilder()
            .WithEndpoint(new Uri(ResolveHost(dockerHost)))
            .WithApiVersion(ApiVersion)
            .Build();
}
