using AutoPR.Images.BaseImages;

namespace AutoPR.Images.Build;

/// <summary>What to build: the service of a repository, into `&lt;Repository&gt;:&lt;revision tag&gt;`.</summary>
public sealed record ImageBuildRequest
{
    /// <summary>The git work tree; it is also the build context root (filtered by its .dockerignore).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Local image repository name, e.g. autopr.</summary>
    public string Repository { get; init; } = "autopr";

    /// <summary>BASE_IMAGE build argument; it must exist in the engine (see BaseImage).</summary>
    public string BaseImage { get; init; } = BaseImageOptions.DefaultImageName;

    /// <summary>VERSION build argument; null: 0.0.0+&lt;short sha&gt;.</summary>
    public string? Version { get; init; }

    /// <summary>SOURCE build argument; null: the origin remote (without credentials), else "unknown".</summary>
    public string? Source { get; init; }

    public string ServiceProject { get; init; } = "src/AutoPR.Service/AutoPR.Service.csproj";

    /// <summary>Publish output, relative to the repository root; the Dockerfile copies it from there.</summary>
    public string PublishDirectory { get; init; } = "artifacts/publish/service";

    public string Dockerfile { get; init; } = "Dockerfile";

    public string Configuration { get; init; } = "Release";

    public string RuntimeIdentifier { get; init; } = "linux-x64";

    /// <summary>Where the build record (JSON) is written, relative to the repository root; null: not written.</summary>
    public string? RecordPath { get; init; } = "artifacts/docker/image.json";

    /// <summary>Build even when an image with the same inputs exists.</summary>
    public bool Force { get; init; }

    /// <summary>Ignore the engine's layer cache.</summary>
    public bool NoCache { get; init; }
}
