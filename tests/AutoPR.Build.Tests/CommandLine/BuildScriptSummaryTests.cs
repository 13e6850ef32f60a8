using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.CommandLine;

[Collection(BuildScriptCollection.Name)]
public class BuildScriptSummaryTests(BuildScriptFixture build)
{
    /// <summary>Every planned target skipped: the real host runs end to end, and nothing in the repository changes.</summary>
    [Fact]
    public async Task A_run_ends_with_the_summary_table()
    {
        var result = await build.RunAsync("Test", "--skip", "Test", "Compile", "Restore");
        Assert.True(result.ExitCode == 0, result.ToString());
        SummaryTable.AssertHeader(result.Output);
        SummaryTable.AssertRow(result.Output, "Restore", "Skipped", "--skip");
        SummaryTable.AssertRow(result.Output, "Compile", "Skipped", "--skip");
        SummaryTable.AssertRow(result.Output, "Test", "Skipped", "--skip");
        Assert.Matches(@"(?m)^\s*Total\s+\d+\.\ds\s*$", result.Output);
    }
}
