using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.CommandLine;

/// <summary>Exit codes 0, 1 and 2, and the summary table, through a real build process.</summary>
[Collection(SampleBuildCollection.Name)]
public class SampleExitCodeTests(SampleBuildFixture sample)
{
    [Fact]
    public async Task Success_is_0_with_a_summary_table()
    {
        var result = await sample.RunAsync("Pass");
        Assert.True(result.ExitCode == 0, result.ToString());
        SummaryTable.AssertHeader(result.Output);
        SummaryTable.AssertRow(result.Output, "Pass", "Succeeded");
        Assert.Matches(@"(?m)^\s*Total\s+\d+\.\ds\s*$", result.Output);
    }

    [Fact]
    public async Task The_default_target_runs_when_none_is_named()
    {
        var result = await sample.RunAsync();
        Assert.True(result.ExitCode == 0, result.ToString());
        SummaryTable.AssertRow(result.Output, "Pass", "Succeeded");
    }

    [Fact]
    public async Task A_failed_target_is_1_and_the_summary_says_why_and_what_did_not_run()
    {
        var result = await sample.RunAsync("AfterFail", "Cleanup");
        Assert.True(result.ExitCode == 1, result.ToString());
        SummaryTable.AssertRow(result.Output, "Fail", "Failed", "boom-reason");
        SummaryTable.AssertRow(result.Output, "AfterFail", "NotRun", "Fail did not succeed");
        SummaryTable.AssertRow(result.Output, "Cleanup", "Succeeded");
        Assert.DoesNotContain("after-fail-ran", result.Output, StringComparison.Ordinal);
        Assert.Contains("cleanup-ran", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skipped_targets_show_their_reason()
    {
        var result = await sample.RunAsync("AfterFail", "--skip", "Fail");
        Assert.True(result.ExitCode == 0, result.ToString());
        SummaryTable.AssertRow(result.Output, "Fail", "Skipped", "--skip");
        SummaryTable.AssertRow(result.Output, "AfterFail", "Succeeded");
    }

    [Fact]
    public async Task An_unknown_target_is_2_with_a_suggestion_and_nothing_runs()
    {
        var result = await sample.RunAsync("Pas", "Cleanup");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: Unknown target 'Pas' (command line). Did you mean Pass?", result.Error.Trim());
        Assert.DoesNotContain("cleanup-ran", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_parameter_is_2_before_anything_runs()
    {
        var result = await sample.RunAsync("Deploy");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: Target Deploy requires --stage: pass --stage <value> (one of Development, Staging, Production)", result.Error.Trim(), StringComparison.Ordinal);
        Assert.Equal("", result.Output.Trim());
    }

    [Fact]
    public async Task A_false_precondition_is_2_with_its_message_before_anything_runs()
    {
        var result = await sample.RunAsync("Deploy", "--stage", "production");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: Target Deploy: production only as a --dry-run", result.Error.Trim());
        Assert.Equal("", result.Output.Trim());
    }

    [Fact]
    public async Task A_true_precondition_lets_the_target_run()
    {
        var result = await sample.RunAsync("Deploy", "--stage", "production", "--dry-run");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("deploying to Production", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_parameter_from_the_environment_satisfies_the_requirement()
    {
        var result = await sample.RunAsync(["Deploy"], new Dictionary<string, string?> { ["AUTOPR_STAGE"] = "staging" });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("deploying to Staging", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_parameter_is_2_on_one_line_before_anything_runs()
    {
        var result = await sample.RunAsync("Pass", "--retries", "many");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: --retries (command line): 'many' is not a whole number; for example --retries 3.", result.Error.Trim());
        Assert.Equal("", result.Output.Trim());
    }

    [Fact]
    public async Task A_flag_before_a_target_leaves_the_target_alone()
    {
        var result = await sample.RunAsync("--dry-run", "Pass");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("info-marker dry-run=True", result.Output, StringComparison.Ordinal);
    }
}
