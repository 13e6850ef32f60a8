using AutoPR.Images.BaseImages;

namespace AutoPR.Images.Tests;

/// <summary>The local base image: made once from debootstrap, reused, with the runtime-deps packages and user.</summary>
[Collection(DockerCollection.Name)]
public sealed class BaseImageTests(DockerFixture docker)
{
    [Fact]
    public async Task The_base_image_has_the_runtime_deps_packages_and_the_app_user_and_is_reused()
    {
        var first = await new BaseImage(docker.Endpoints).EnsureAsync();
        var second = await new BaseImage(docker.Endpoints).EnsureAsync();

        Assert.Equal(BaseImageOptions.DefaultImageName, first.ImageName);
        Assert.False(second.Created);
        Assert.Equal(first.ImageId, second.ImageId);
        using var client = docker.Endpoints.CreateClient();
        var (exitCode, output) = await Containers.RunAsync(
            client,
            first.ImageName,
            ["sh", "-c", "id app && dpkg-query -W -f='${Package} ${Status}\\n' ca-certificates libicu72 libssl3 libstdc++6 tzdata zlib1g"]);
        Assert.True(exitCode == 0, output);
        Assert.Contains("uid=1654(app) gid=1654(app)", output, StringComparison.Ordinal);
        foreach (var package in new[] { "ca-certificates", "libicu72", "libssl3", "libstdc++6", "tzdata", "zlib1g" })
        {
            Assert.Contains($"{package} install ok installed", output, StringComparison.Ordinal);
        }
    }
}
