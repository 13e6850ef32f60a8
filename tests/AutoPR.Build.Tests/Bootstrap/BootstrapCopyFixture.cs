using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.Bootstrap;

/// <summary>
/// A copy of everything ./build.sh compiles (build.sh, the root settings, build/, the projects build/ references)
/// in a temp directory, compiled once. Tests change files there and watch what the bootstrap does.
/// </summary>
public sealed class BootstrapCopyFixture : IAsyncLifetime
{
    public const string CompilingMessage = "Compiling the build project";

    private readonly TempDirectory _root = new("bootstrap");

    public string Root => _root.Path;

    public string BuildDll => _root.Combine("build", "bin", "Debug", "net10.0", "_build.dll");

    public async Task InitializeAsync()
    {
        SourceTree.CopySettings(Root);
        SourceTree.CopyFile("build.sh", Root);
        SourceTree.CopyFile(Path.Combine(".nuke", "parameters.json"), Root);
        foreach (var directory in new[] { "build", Path.Combine("src", "AutoPR.Build"), Path.Combine("src", "AutoPR.Deployment"), Path.Combine("src", "AutoPR.Images") })
        {
            SourceTree.CopyDirectory(directory, Root);
        }

        var first = await HelpAsync();
        if (first.ExitCode != 0 || !first.Error.Contains(CompilingMessage, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The first ./build.sh --help in a fresh copy should compile and succeed:\n{first}");
        }
    }

    public Task<ProcessResult> HelpAsync() => ProcessRunner.RunAsync(_root.Combine("build.sh"), ["--help"], Root);

    public string Write(string relativePath, string text) => _root.Write(relativePath, text);

    public string PathOf(string relativePath) => _root.Combine(relativePath);

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
