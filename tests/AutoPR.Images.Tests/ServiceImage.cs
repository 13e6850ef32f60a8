using AutoPR.Images.BaseImages;
using AutoPR.Images.Build;

namespace AutoPR.Images.Tests;

/// <summary>
/// The real service image of this repository, built once per test run (on the local base image)
/// through ImageBuilder; the tests share it.
/// </summary>
public sealed class ServiceImage(DockerFixture docker)
{
    public const string Repository = "autopr-test/service";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ImageBuildRecord? _first;
    private List<ImageBuildProgress> _firstProgress = [];

    /// <summary>The first build of this run and everything it reported, whichever test asked first.</summary>
    public async Task<(ImageBuildRecord Result, IReadOnlyList<ImageBuildProgress> Progress)> BuildAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_first is null)
            {
                var progress = new List<ImageBuildProgress>();
                await new BaseImage(docker.Endpoints).EnsureAsync();
                _first = await new ImageBuilder(docker.Endpoints).BuildAsync(Request(), new SynchronousProgress<ImageBuildProgress>(progress.Add));
                _firstProgress = progress;
            }

            return (_first, _firstProgress);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Another build of the same sources, as a second run of the build would do it.</summary>
    public async Task<(ImageBuildRecord Result, IReadOnlyList<ImageBuildProgress> Progress)> BuildAgainAsync()
    {
        await BuildAsync();
        var progress = new List<ImageBuildProgress>();
        var result = await new ImageBuilder(docker.Endpoints).BuildAsync(Request(), new SynchronousProgress<ImageBuildProgress>(progress.Add));
        return (result, progress);
    }

    public static ImageBuildRequest Request() => new()
    {
        RepositoryRoot = RepositoryRoot.Path,
        Repository = Repository,
        BaseImage = BaseImageOptions.DefaultImageName,
        Version = "1.2.3-test",
        RecordPath = "artifacts/docker/test-image.json",
    };
}
