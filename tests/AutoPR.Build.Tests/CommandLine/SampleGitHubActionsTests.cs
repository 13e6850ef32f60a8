namespace AutoPR.Build.Tests.CommandLine;

[Collection(SampleBuildCollection.Name)]
public class SampleGitHubActionsTests(SampleBuildFixture sample)
{
    private static readonly Dictionary<string, string?> GitHubActions = new() { ["GITHUB_ACTIONS"] = "true" };

    [Fact]
    public async Task Each_target_is_a_group_and_a_failure_is_an_error_annotation()
    {
        var result = await sample.RunAsync(["Fail", "Cleanup"], GitHubActions);
        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Output.Split('\n');
        Assert.Contains("::group::Fail", lines);
        Assert.Contains("::group::Cleanup", lines);
        Assert.Equal(2, lines.Count(l => l == "::endgroup::"));
        Assert.Contains("::error title=Target Fail failed::boom-reason", lines);
    }

    [Fact]
    public async Task Outside_GitHub_Actions_there_are_no_workflow_commands()
    {
        var result = await sample.RunAsync("Fail");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.DoesNotContain("::group::", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("::error", result.Output, StringComparison.Ordinal);
    }
}
