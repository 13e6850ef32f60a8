using System.Net;
using AutoPR.LocalEcs.Tasks;
using Docker.DotNet;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>The AutoPR.Service image the rollout tests deploy (revisions differ by AUTOPR_VERSION).</summary>
public static class ServiceImage
{
    public const string Name = "localecs-dev/autopr:1";

    public static async Task<string> EnsureAsync()
    {
        using var docker = DockerClientFactory.Create(DockerPrerequisites.DockerHost);
        try
        {
            await docker.Images.InspectImageAsync(Name);
            return Name;
        }
        catch (DockerApiException error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"The AutoPR.Service image {Name} is missing: publish src/AutoPR.Service and build the Dockerfile with BASE_IMAGE=autopr/runtime-deps:bookworm, tagged {Name}.", error);
        }
    }
}
