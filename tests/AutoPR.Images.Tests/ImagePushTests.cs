using System.Net;
using System.Net.Sockets;
using AutoPR.Images;
using AutoPR.Images.BaseImages;
using AutoPR.Images.Build;
using AutoPR.Images.Push;
using Docker.DotNet.Models;

namespace AutoPR.Images.Tests;

/// <summary>Pushes to the real local registry through the engine, checked against the registry's own answers.</summary>
[Collection(DockerCollection.Name)]
public sealed class ImagePushTests(DockerFixture docker)
{
    [Fact]
    public async Task The_service_image_is_pushed_with_layer_progress_under_the_registrys_digest_and_a_second_push_is_skipped()
    {
        var (built, _) = await docker.ServiceImage.BuildAsync();
        var repository = UniqueRepository("service");
        var request = new ImagePushRequest { SourceImage = built.Reference, Registry = Registry, Repository = repository, Tag = built.Tag };
        var events = new List<ImagePushProgress>();
        try
        {
            // --dry-run: nothing pushed yet, so the engine knows no digest there, and asking changes nothing.
            Assert.Null(await new ImagePusher(docker.Endpoints).FindPushedDigestAsync(request));
            Assert.Null(await RegistryDigestAsync(repository, built.Tag));

            var pushed = await new ImagePusher(docker.Endpoints).PushAsync(request, new SynchronousProgress<ImagePushProgress>(events.Add));
            var again = await new ImagePusher(docker.Endpoints).PushAsync(request);

            Assert.False(pushed.Skipped);
            Assert.Matches("^sha256:[0-9a-f]{64}$", pushed.Image.Digest);
            Assert.Equal(await RegistryDigestAsync(repository, built.Tag), pushed.Image.Digest);
            Assert.Equal($"{Registry}/{repository}@{pushed.Image.Digest}", pushed.Image.Pinned);
            Assert.Equal($"{Registry}/{repository}:{built.Tag}", pushed.Image.Tagged);
            Assert.Equal(pushed.Image.Digest, await new ImagePusher(docker.Endpoints).FindPushedDigestAsync(request));
            var layerCount = await LayerCountAsync(built.ImageId);
            var finished = events.Where(e => e.LayerId is not null && (e.Status is "Pushed" or "Layer already exists" || e.Status.StartsWith("Mounted from", StringComparison.Ordinal)))
                .Select(e => e.LayerId).Distinct().Count();
            Assert.Equal(layerCount, finished);

            Assert.True(again.Skipped);
            Assert.Equal(pushed.Image.Digest, again.Image.Digest);
            Assert.Contains("already holds this image", again.SkipReason, StringComparison.Ordinal);
        }
        finally
        {
            await DeleteTagAsync(repository, built.Tag);
        }
    }

    [Fact]
    public async Task A_new_layer_reports_its_bytes_while_it_is_pushed()
    {
        var image = await TinyImageAsync("unique " + Guid.NewGuid() + new string('x', 256 * 1024));
        var repository = UniqueRepository("bytes");
        var events = new List<ImagePushProgress>();
        try
        {
            await new ImagePusher(docker.Endpoints).PushAsync(
                new ImagePushRequest { SourceImage = image, Registry = Registry, Repository = repository, Tag = "v1" },
                new SynchronousProgress<ImagePushProgress>(events.Add));

            var pushing = events.Where(e => e is { Status: "Pushing", Current: > 0, Total: > 0 }).ToList();
            Assert.NotEmpty(pushing);
            Assert.All(pushing, e => Assert.NotNull(e.LayerId));
            Assert.Contains(events, e => e.LayerId == pushing[0].LayerId && e.Status == "Pushed");
        }
        finally
        {
            await DeleteTagAsync(repository, "v1");
        }
    }

    [Fact]
    public async Task An_immutable_tag_holding_another_image_is_an_error_and_a_mutable_tag_is_moved()
    {
        var first = await TinyImageAsync("first");
        var second = await TinyImageAsync("second");
        var repository = UniqueRepository("tags");
        var pusher = new ImagePusher(docker.Endpoints);
        try
        {
            var pushedFirst = await pusher.PushAsync(new ImagePushRequest { SourceImage = first, Registry = Registry, Repository = repository, Tag = "v1" });

            var error = await Assert.ThrowsAsync<DockerOperationException>(() => pusher.PushAsync(
                new ImagePushRequest { SourceImage = second, Registry = Registry, Repository = repository, Tag = "v1", ImmutableTags = true }));
            Assert.Contains(pushedFirst.Image.Digest!, error.Message, StringComparison.Ordinal);
            Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
            Assert.Equal(pushedFirst.Image.Digest, await RegistryDigestAsync(repository, "v1"));

            var moved = await pusher.PushAsync(new ImagePushRequest { SourceImage = second, Registry = Registry, Repository = repository, Tag = "v1" });
            Assert.False(moved.Skipped);
            Assert.NotEqual(pushedFirst.Image.Digest, moved.Image.Digest);
            Assert.Equal(moved.Image.Digest, await RegistryDigestAsync(repository, "v1"));
        }
        finally
        {
            await DeleteTagAsync(repository, "v1");
        }
    }

    [Fact]
    public async Task An_unreachable_registry_fails_in_one_line_naming_it()
    {
        var image = await TinyImageAsync("unreachable");
        var closed = $"127.0.0.1:{ClosedLoopbackPort()}";

        var error = await Assert.ThrowsAsync<DockerOperationException>(() => new ImagePusher(docker.Endpoints).PushAsync(
            new ImagePushRequest { SourceImage = image, Registry = closed, Repository = "autopr", Tag = "x" }));

        Assert.StartsWith($"Registry {closed} is unreachable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_image_missing_from_the_engine_fails_saying_to_build_it()
    {
        var error = await Assert.ThrowsAsync<DockerOperationException>(() => new ImagePusher(docker.Endpoints).PushAsync(
            new ImagePushRequest { SourceImage = "autopr-test/never-built:nothing", Registry = Registry, Repository = "autopr", Tag = "x" }));

        Assert.Contains("autopr-test/never-built:nothing is not in the engine", error.Message, StringComparison.Ordinal);
    }

    private string Registry => docker.Endpoints.RegistryAddress ?? throw new InvalidOperationException("The fixture has no registry.");

    private static string UniqueRepository(string purpose) => $"autopr-test/{purpose}-{Guid.NewGuid():N}"[..40];

    private async Task<string> TinyImageAsync(string content)
    {
        await new BaseImage(docker.Endpoints).EnsureAsync();
        using var context = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(context.Path, "Dockerfile"), $"FROM {BaseImageOptions.DefaultImageName}\nCOPY content.txt /content.txt\n");
        await File.WriteAllTextAsync(Path.Combine(context.Path, "content.txt"), content);
        var reference = $"autopr-test/tiny:{(content.Length <= 32 ? content : "unique")}";
        await new ImageBuilder(docker.Endpoints).BuildContextAsync(new ContextBuildRequest { ContextDirectory = context.Path, Tags = [reference] });
        return reference;
    }

    private async Task<int> LayerCountAsync(string imageId)
    {
        using var client = docker.Endpoints.CreateClient();
        var image = await client.Images.InspectImageAsync(imageId);
        return image.RootFS?.Layers?.Count ?? 0;
    }

    /// <summary>The registry's own answer, through plain HTTP (not the code under test).</summary>
    private async Task<string?> RegistryDigestAsync(string repository, string tag)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://{Registry}/v2/{repository}/manifests/{tag}"));
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? response.Headers.GetValues("Docker-Content-Digest").Single() : null;
    }

    /// <summary>Removes the tag from the registry and the registry-named references the push left in the engine.</summary>
    private async Task DeleteTagAsync(string repository, string tag)
    {
        if (await RegistryDigestAsync(repository, tag) is { } digest)
        {
            using var http = new HttpClient();
            using var _ = await http.DeleteAsync(new Uri($"http://{Registry}/v2/{repository}/manifests/{digest}"));
        }

        using var client = docker.Endpoints.CreateClient();
        var prefix = $"{Registry}/{repository}";
        var images = await client.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [prefix] = true } },
        });
        var references = images.SelectMany(image => (image.RepoTags ?? []).Concat(image.RepoDigests ?? []))
            .Where(reference => reference.StartsWith(prefix + ":", StringComparison.Ordinal) || reference.StartsWith(prefix + "@", StringComparison.Ordinal));
        foreach (var reference in references.Distinct())
        {
            try
            {
                await client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { NoPrune = true });
            }
            catch (global::Docker.DotNet.DockerImageNotFoundException)
            {
                // Removing the last tag also removed the digest reference.
            }
        }
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
