using System.Diagnostics;
using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.CommandLine;

/// <summary>
/// Compiles the throwaway build in CommandLine/SampleBuild once, against a copy of src/AutoPR.Build in a temp
/// directory (so the repository's own bin/obj are never touched while tests run), and runs it as a process.
/// </summary>
public sealed class SampleBuildFixture : IAsyncLifetime
{
    private readonly TempDirectory _root = new("sample");

    public string Root => _root.Path;

    private string Dll => _root.Combine("sample", "bin", "Debug", "net10.0", "Sample.dll");

    public async Task InitializeAsync()
    {
        SourceTree.CopySettings(Root);
        SourceTree.CopyDirectory(Path.Combine("src", "AutoPR.Build"), Root);
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Combine("tests", "AutoPR.Build.Tests", "CommandLine", "SampleBuild")))
        {
            File.Copy(file, _root.Combine("sample", Path.GetFileName(file)).EnsureDirectory());
        }

        Directory.CreateDirectory(_root.Combine(".nuke"));
        var build = await ProcessRunner.RunAsync("dotnet", ["build", "sample/Sample.csproj", "-c", "Debug", "-nologo", "-v", "q"], Root);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"The sample build did not compile:\n{build}");
        }
    }

    /// <summary>Runs the sample build with <paramref name="args"/> from its root; SIGINT is reset to its default so Ctrl-C can be simulated.</summary>
    public Task<ProcessResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, Action<string, Process>? onOutputLine = null) =>
        ProcessRunner.RunAsync("env", ["--default-signal=INT", "dotnet", Dll, .. args], Root, environment, onOutputLine);

    public Task<ProcessResult> RunAsync(params string[] args) => RunAsync(args, null);

    /// <summary>Runs the sample build under a pseudo-terminal (script), as in an interactive shell.</summary>
    public Task<ProcessResult> RunInTerminalAsync(string args, IReadOnlyDictionary<string, string?> environment) =>
        ProcessRunner.RunAsync("script", ["-qfec", $"dotnet {Dll} {args}", "/dev/null"], Root, environment);

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class SampleBuildCollection : ICollectionFixture<SampleBuildFixture>
{
    public const string Name = "sample build";
}
