using AutoPR.Images.BaseImages;
using AutoPR.Images.Build;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>
/// The AutoPR.Service image of this repository, built once per run on the local base image through the
/// project's ImageBuilder (skipped when an image of the same inputs exists). Revisions in the tests differ
/// by AUTOPR_VERSION in their task definitions.
/// </summary>
public static class ServiceImage
{
    public const string Repository = "autopr-localecs-test/service";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _reference;

    public static async Task<string> EnsureAsync()
    {
        var endpoints = await DockerPrerequisites.EnsureAsync();
        await Gate.WaitAsync();
        try
        {
            if (_reference is null)
            {
                await new BaseImage(endpoints).EnsureAsync();
                var record = await new ImageBuilder(endpoints).BuildAsync(new ImageBuildRequest
                {
                    RepositoryRoot = RepositoryRoot.Path,
                    Repository = Repository,
                    BaseImage = BaseImageOptions.DefaultImageName,
                    Version = "0.0.0-localecs-test",
                    RecordPath = null,
                });
                _reference = record.Reference;
            }

            return _reference;
        }
        finally
        {
            Gate.Release();
        }
    }
}
