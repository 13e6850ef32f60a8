namespace AutoPR.Build.Tests.GitHubActions;

/// <summary>
/// The workflows the real build generates: `./build.sh GenerateWorkflows --workflows-directory &lt;temp&gt;`, run once
/// for the tests that share this fixture.
/// </summary>
public sealed class GeneratedWorkflows : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "autopr-workflows-" + Guid.NewGuid().ToString("N"));

    public IReadOnlyList<string> Files { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var result = await ChildProcess.RunAsync(
            Path.Combine(WorkflowRepository.Root, "build.sh"),
            ["GenerateWorkflows", "--workflows-directory", Directory],
            WorkflowRepository.Root,
            TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"./build.sh GenerateWorkflows failed:\n{result}");
        }

        Files = [.. System.IO.Directory.EnumerateFiles(Directory, "*.yml").Order(StringComparer.Ordinal)];
    }

    public Task DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
