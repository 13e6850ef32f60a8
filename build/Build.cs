using AutoPR.Build;

namespace AutoPR.BuildDefinition;

/// <summary>
/// The AutoPR build. One file per concern: Build.Compile.cs (Clean, Restore, Compile), Build.Test.cs (Test), ...
/// Run <c>./build.sh --help</c> for the targets and parameters.
/// </summary>
internal sealed partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Compile);

    [Parameter("Build configuration")]
    public Configuration Configuration { get; set; } = IsLocalBuild ? Configuration.Debug : Configuration.Release;

    static AbsolutePath Solution => RootDirectory / "AutoPR.sln";

    static AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
}

internal enum Configuration
{
    Debug,
    Release,
}
