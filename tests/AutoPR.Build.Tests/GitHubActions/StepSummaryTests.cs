using Actions = AutoPR.Build.GitHubActions;

namespace AutoPR.Build.Tests.GitHubActions;

/// <summary>The deployment report goes to the file GitHub names in GITHUB_STEP_SUMMARY, and nowhere on a local build.</summary>
public sealed class StepSummaryTests
{
    [Fact]
    public async Task Reports_are_appended_to_the_summary_file_in_order()
    {
        using var temp = new TempFolder();
        var summary = temp.File("summary.md");
        await File.WriteAllTextAsync(summary, "# Earlier step\n");

        Assert.True(await Actions.AppendStepSummaryAsync(summary, "## Deploy dev", CancellationToken.None));
        Assert.True(await Actions.AppendStepSummaryAsync(summary, "ok\n", CancellationToken.None));

        Assert.Equal("# Earlier step\n## Deploy dev\nok\n", await File.ReadAllTextAsync(summary));
        Assert.False(File.ReadAllBytes(summary).AsSpan().StartsWith("\uFEFF"u8), "the summary must not get a byte-order mark in the middle");
    }

    [Fact]
    public async Task Secrets_of_the_run_are_masked_in_the_summary_file()
    {
        using var temp = new TempFolder();
        var summary = temp.File("summary.md");
        var redactor = new SecretRedactor();
        redactor.Add("s3cr3t-value-for-summary");
        Actions.Redactor = redactor;
        try
        {
            await Actions.AppendStepSummaryAsync(summary, "token s3cr3t-value-for-summary used", CancellationToken.None);
        }
        finally
        {
            Actions.Redactor = null;
        }

        Assert.Equal("token *** used\n", await File.ReadAllTextAsync(summary));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Without_a_summary_file_nothing_is_written(string? summaryFile)
    {
        Assert.False(await Actions.AppendStepSummaryAsync(summaryFile, "## Deploy dev", CancellationToken.None));
    }

    [Fact]
    public async Task A_cancelled_append_throws()
    {
        using var temp = new TempFolder();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Actions.AppendStepSummaryAsync(temp.File("s.md"), "x", cancelled.Token));
    }

    [Fact]
    public void A_table_escapes_what_would_break_it_and_pads_short_rows()
    {
        var table = Actions.MarkdownTable(
            ["Check", "Result"],
            [
                ["health", "200 | OK"],
                ["logs", "line 1\nline 2"],
                ["path", "C:\\x"],
                ["skipped"],
            ]);

        Assert.Equal(
            """
            | Check | Result |
            | --- | --- |
            | health | 200 \| OK |
            | logs | line 1<br>line 2 |
            | path | C:\\x |
            | skipped |  |

            """,
            table);
    }

    [Fact]
    public void A_row_wider_than_the_header_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Actions.MarkdownTable(["a"], [["1", "2"]]));
        Assert.Throws<ArgumentException>(() => Actions.MarkdownTable([], []));
    }
}
