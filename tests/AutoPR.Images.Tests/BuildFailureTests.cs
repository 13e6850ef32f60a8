using AutoPR.Images;
using AutoPR.Images.BaseImages;
using AutoPR.Images.Build;

namespace AutoPR.Images.Tests;

/// <summary>Build errors come inside the daemon's stream or as HTTP errors: both fail with the daemon's message.</summary>
[Collection(DockerCollection.Name)]
public sealed class BuildFailureTests(DockerFixture docker)
{
    [Fact]
    public async Task A_bad_dockerfile_fails_with_the_daemons_message()
    {
        using var context = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(context.Path, "Dockerfile"), $"FROM {BaseImageOptions.DefaultImageName}\nFROBNICATE everything\n");

        var error = await Assert.ThrowsAsync<DockerOperationException>(() =>
            new ImageBuilder(docker.Endpoints).BuildContextAsync(new ContextBuildRequest { ContextDirectory = context.Path, Tags = ["autopr-test/bad:latest"] }));

        Assert.StartsWith("docker build failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown instruction: FROBNICATE", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_missing_copy_source_fails_with_the_daemons_message()
    {
        await new BaseImage(docker.Endpoints).EnsureAsync();
        using var context = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(context.Path, "Dockerfile"), $"FROM {BaseImageOptions.DefaultImageName}\nCOPY not-there.txt /app/\n");
        var lines = new List<ImageBuildProgress>();

        var error = await Assert.ThrowsAsync<DockerOperationException>(() =>
            new ImageBuilder(docker.Endpoints).BuildContextAsync(
                new ContextBuildRequest { ContextDirectory = context.Path, Tags = ["autopr-test/missing-copy:latest"] },
                new SynchronousProgress<ImageBuildProgress>(lines.Add)));

        Assert.StartsWith("docker build failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("COPY failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("not-there.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Stage == ImageBuildStage.Build && line.Message.StartsWith("Step 1/2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_step_fails_with_the_daemons_message()
    {
        await new BaseImage(docker.Endpoints).EnsureAsync();
        using var context = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(context.Path, "Dockerfile"), $"FROM {BaseImageOptions.DefaultImageName}\nRUN exit 7\n");

        var error = await Assert.ThrowsAsync<DockerOperationException>(() =>
            new ImageBuilder(docker.Endpoints).BuildContextAsync(new ContextBuildRequest { ContextDirectory = context.Path, NoCache = true }));

        Assert.Contains("returned a non-zero code: 7", error.Message, StringComparison.Ordinal);
    }
}
