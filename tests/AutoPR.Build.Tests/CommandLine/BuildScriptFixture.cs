using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.CommandLine;

/// <summary>
/// Runs the repository's real ./build.sh. The first run compiles the build project when its inputs changed,
/// so the tests themselves see the warm path. Only commands that run nothing (or skip everything) are used:
/// a real target such as Clean would delete the bin folders these very tests run from.
/// </summary>
public sealed class BuildScriptFixture : IAsyncLifetime
{
    /// <summary>A local build, whatever machine runs the tests (CI changes the default Configuration).</summary>
    private static readonly Dictionary<string, string?> Environment = new() { ["CI"] = null };

    public async Task InitializeAsync()
    {
        var warmUp = await RunAsync("--help");
        if (warmUp.ExitCode != 0)
        {
            throw new InvalidOperationException($"./build.sh --help failed:\n{warmUp}");
        }
    }

    public Task<ProcessResult> RunAsync(params string[] args) => RunAsync(args, new Dictionary<string, string?>());

    public Task<ProcessResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment) =>
        ProcessRunner.RunAsync(RepositoryRoot.Combine("build.sh"), args, RepositoryRoot.Path, Environment.Concat(environment).ToDictionary());

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class BuildScriptCollection : ICollectionFixture<BuildScriptFixture>
{
    public const string Name = "real build.sh";
}
