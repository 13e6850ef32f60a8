using System.Net.Http.Json;
using System.Text.Json;
using AutoPR.Images.Build;
using Docker.DotNet.Models;

namespace AutoPR.Images.Tests;

/// <summary>The real service image: built through the Engine API, run on host networking at a loopback address, answering.</summary>
[Collection(DockerCollection.Name)]
public sealed class ServiceImageTests(DockerFixture docker)
{
    private const string Address = "127.0.9.9";

    [Fact]
    public async Task The_built_image_is_tagged_by_revision_labelled_and_recorded()
    {
        var (result, progress) = await docker.ServiceImage.BuildAsync();

        Assert.Matches("^[0-9a-f]{40}(-dirty-[0-9a-f]{12})?$", result.Tag);
        Assert.StartsWith(result.Commit, result.Tag, StringComparison.Ordinal);
        Assert.Equal(result.Dirty, result.Tag.Contains("-dirty-", StringComparison.Ordinal));
        Assert.Contains($"{ServiceImage.Repository}:{result.Tag}", result.Tags);
        Assert.StartsWith("sha256:", result.ImageId, StringComparison.Ordinal);
        Assert.Equal(result.Commit, result.Labels["org.opencontainers.image.revision"]);
        Assert.Equal("1.2.3-test", result.Labels["org.opencontainers.image.version"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", result.Labels["org.opencontainers.image.created"]);
        Assert.True(result.Labels.ContainsKey("org.opencontainers.image.source"));
        Assert.Equal(result.InputsDigest, result.Labels[ImageBuilder.InputsLabel]);
        var recorded = await ImageBuildRecord.ReadAsync(Path.Combine(RepositoryRoot.Path, "artifacts/docker/test-image.json"));
        Assert.Equal(result.ImageId, recorded.ImageId);
        if (!result.Skipped)
        {
            Assert.Contains(progress, line => line.Stage == ImageBuildStage.Publish);
            Assert.Contains(progress, line => line.Stage == ImageBuildStage.Build && line.Message.StartsWith("Step ", StringComparison.Ordinal));
        }

        using var client = docker.Endpoints.CreateClient();
        var image = await client.Images.InspectImageAsync(result.ImageId);
        Assert.NotNull(image.Config);
        Assert.Equal("1654:1654", image.Config.User);
        Assert.Equal(["/app/AutoPR.Service"], image.Config.Entrypoint);
        Assert.Equal(["CMD", "/app/AutoPR.Service", "healthcheck"], image.Config.Healthcheck?.Test);
        Assert.Contains("8000/tcp", image.Config.ExposedPorts?.Keys ?? []);
    }

    [Fact]
    public async Task A_second_build_without_changes_is_skipped_with_the_reason()
    {
        var (first, _) = await docker.ServiceImage.BuildAsync();
        var (second, progress) = await docker.ServiceImage.BuildAgainAsync();

        Assert.True(second.Skipped);
        Assert.Contains("already exists with the same inputs", second.SkipReason, StringComparison.Ordinal);
        Assert.Equal(first.ImageId, second.ImageId);
        Assert.Equal(first.Tag, second.Tag);
        Assert.DoesNotContain(progress, line => line.Stage is ImageBuildStage.Publish or ImageBuildStage.Build);
        Assert.Contains(progress, line => line.Stage == ImageBuildStage.Skipped);
    }

    [Fact]
    public async Task The_container_answers_health_and_version_with_the_built_revision_and_becomes_healthy()
    {
        var (result, _) = await docker.ServiceImage.BuildAsync();
        using var client = docker.Endpoints.CreateClient();
        var container = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = result.ImageId,
            Env = [$"BIND_ADDRESS={Address}", "PORT=8000", "ENVIRONMENT=test"],
            HostConfig = new HostConfig { NetworkMode = "host" },
            Healthcheck = new HealthcheckConfig { Interval = TimeSpan.FromSeconds(1), StartPeriod = TimeSpan.FromSeconds(1), Retries = 3, Timeout = TimeSpan.FromSeconds(3) },
        });
        try
        {
            await client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters());
            using var http = new HttpClient { BaseAddress = new Uri($"http://{Address}:8000/"), Timeout = TimeSpan.FromSeconds(5) };

            using var health = await WaitForAnswerAsync(http, "health");
            var version = await http.GetFromJsonAsync<JsonElement>("version");

            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(result.Commit, version.GetProperty("revision").GetString());
            Assert.Equal(result.Tag, version.GetProperty("imageTag").GetString());
            Assert.Equal("1.2.3-test", version.GetProperty("version").GetString());
            Assert.Equal("test", version.GetProperty("environment").GetString());
            Assert.Equal("healthy", await WaitForHealthStatusAsync(client, container.ID));
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    private static async Task<HttpResponseMessage> WaitForAnswerAsync(HttpClient http, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await http.GetAsync(new Uri(path, UriKind.Relative));
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task<string> WaitForHealthStatusAsync(global::Docker.DotNet.DockerClient client, string containerId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string status;
        do
        {
            var inspected = await client.Containers.InspectContainerAsync(containerId);
            status = inspected.State?.Health?.Status ?? "none";
            if (status is "healthy" or "unhealthy")
            {
                return status;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);
        return status;
    }
}
