using AutoPR.EndToEnd.Tests.Stack;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>
/// Another release, the way a developer makes one: the repository's HEAD in a git worktree of its own, plus files (a
/// new migration), built with DockerBuild there. Its image record then becomes the stack's, so PushEcr and DeployEcs
/// on the stack deploy it; <see cref="Dispose"/> removes the worktree (the test gives the stack its image back).
/// </summary>
public sealed class ReleaseVariant : IDisposable
{
    private ReleaseVariant(string directory) => Directory = directory;

    /// <summary>The worktree.</summary>
    public string Directory { get; }

    public static async Task<ReleaseVariant> BuildAsync(LocalStackFixture stack, ITestOutputHelper output, string name, IReadOnlyDictionary<string, string> files)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"autopr-e2e-{name}");
        await GitAsync("worktree", "remove", "--force", directory).ConfigureAwait(false);
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        await GitAsync("worktree", "prune").ConfigureAwait(false);
        var added = await GitAsync("worktree", "add", "--detach", directory, "HEAD").ConfigureAwait(false);
        if (added != 0)
        {
            throw new InvalidOperationException($"git worktree add {directory} failed (exit code {added})");
        }

        var variant = new ReleaseVariant(directory);
        foreach (var (path, text) in files)
        {
            File.WriteAllText(Path.Combine(directory, path), text);
        }

        var built = await stack.RunAsync(output, "DockerBuild", "--root", directory).ConfigureAwait(false);
        if (built.ExitCode != 0)
        {
            variant.Dispose();
            throw new InvalidOperationException($"DockerBuild of the {name} release failed.\n{built}");
        }

        var record = Path.Combine("artifacts", "docker", "image.json");
        File.Copy(Path.Combine(directory, record), Path.Combine(stack.Root, record), overwrite: true);
        return variant;
    }

    public void Dispose()
    {
        GitAsync("worktree", "remove", "--force", Directory).GetAwaiter().GetResult();
    }

    private static async Task<int> GitAsync(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = System.Diagnostics.Process.Start(start)!;
        await git.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await git.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await git.WaitForExitAsync().ConfigureAwait(false);
        return git.ExitCode;
    }
}
