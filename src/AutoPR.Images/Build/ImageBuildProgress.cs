namespace AutoPR.Images.Build;

/// <summary>The step an image build is in.</summary>
public enum ImageBuildStage
{
    Revision,
    Publish,
    Context,
    Build,
    Skipped,
    Done,
}

/// <summary>One line of build progress (a publish output line, a daemon build step, a summary).</summary>
public sealed record ImageBuildProgress(ImageBuildStage Stage, string Message);
