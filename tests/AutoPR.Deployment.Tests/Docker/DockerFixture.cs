using AutoPR.Deployment.Docker.Engine;

namespace AutoPR.Deployment.Tests.Docker;

/// <summary>
/// The machine's Docker engine and local registry, found or started once per test run by
/// DockerEnvironment. When neither can be had, every test using it fails with the reason.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    private DockerEndpoints? _endpoints;

    public DockerEndpoints Endpoints => _endpoints ?? throw new InvalidOperationException("The Docker fixture is not initialised.");

    public async Task InitializeAsync() => _endpoints = await new DockerEnvironment().EnsureAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "Docker engine and registry";
}
