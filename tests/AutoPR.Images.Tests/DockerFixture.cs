using AutoPR.Images.Engine;

namespace AutoPR.Images.Tests;

/// <summary>
/// The machine's Docker engine and local registry, found or started once per test run by
/// DockerEnvironment. When neither can be had, every test using it fails with the reason.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    private DockerEndpoints? _endpoints;
    private ServiceImage? _serviceImage;

    public DockerEndpoints Endpoints => _endpoints ?? throw new InvalidOperationException("The Docker fixture is not initialised.");

    /// <summary>The service image of this repository, built once per run when a test first asks.</summary>
    public ServiceImage ServiceImage => _serviceImage ??= new ServiceImage(this);

    public async Task InitializeAsync() => _endpoints = await new DockerEnvironment().EnsureAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "Docker engine and registry";
}
