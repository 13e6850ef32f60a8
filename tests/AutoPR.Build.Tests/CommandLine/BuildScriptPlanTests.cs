using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.CommandLine;

[Collection(BuildScriptCollection.Name)]
public class BuildScriptPlanTests(BuildScriptFixture build)
{
    private static readonly string MermaidFile = RepositoryRoot.Combine(".nuke", "temp", "plan.mmd");

    [Fact]
    public async Task Plan_prints_the_tree_and_the_run_order_and_runs_nothing()
    {
        var result = await build.RunAsync("Test", "--plan");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Test\n└── Compile\n    └── Restore", result.Output, StringComparison.Ordinal);
        Assert.Contains("Run order: Restore -> Compile -> Test", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Succeeded", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_writes_a_mermaid_graph_under_nuke_temp()
    {
        if (File.Exists(MermaidFile))
        {
            File.Delete(MermaidFile);
        }

        var result = await build.RunAsync("Compile", "--plan");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Mermaid graph: .nuke/temp/plan.mmd", result.Output, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(MermaidFile);
        Assert.Equal("graph TD", lines[0]);
        Assert.Contains("  Restore --> Compile", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_shows_skipped_targets()
    {
        var result = await build.RunAsync("Test", "--skip", "Restore", "--plan");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Run order: (Restore: skipped) -> Compile -> Test", result.Output, StringComparison.Ordinal);
        Assert.Contains("Restore (skipped: --skip)", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("test")]
    [InlineData("TEST")]
    [InlineData("--target=test")]
    public async Task Target_names_are_case_insensitive(string target)
    {
        var result = await build.RunAsync(target, "--plan");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Run order: Restore -> Compile -> Test", result.Output, StringComparison.Ordinal);
    }
}
