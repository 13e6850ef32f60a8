using AutoPR.Images.Engine;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>
/// The Docker engine and OCI registry the container tests need, found, started or installed once per run by
/// the project's DockerEnvironment. When neither can be had, the tests fail with its reason.
/// </summary>
public static class DockerPrerequisites
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static DockerEndpoints? _endpoints;

    public static DockerEndpoints Endpoints => _endpoints ?? throw new InvalidOperationException("DockerPrerequisites.EnsureAsync was not called.");

    public static string DockerHost => Endpoints.DockerHost.ToString();

    public static string Registry => Endpoints.RegistryAddress ?? throw new InvalidOperationException("DockerEnvironment found no OCI registry; LocalEcs's ECR needs one.");

    public static async Task<DockerEndpoints> EnsureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _endpoints ??= await new DockerEnvironment().EnsureAsync();
        }
        finally
        {
            Gate.Release();
        }
    }
}
