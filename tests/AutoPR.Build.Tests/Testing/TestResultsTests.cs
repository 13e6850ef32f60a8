using AutoPR.Build.Tests.Support;
using AutoPR.BuildDefinition.Testing;

namespace AutoPR.Build.Tests.Testing;

/// <summary>The Test target's last lines: totals over every TRX file, and which tests failed and why.</summary>
public sealed class TestResultsTests
{
    [Fact]
    public void Totals_sum_every_trx_file_and_each_failure_is_named_with_the_first_line_of_its_message()
    {
        using var results = new TempDirectory("test-results");
        results.Write("a.trx", Trx(
            """<Counters total="3" passed="2" failed="1" notExecuted="0" />""",
            Result("Tests.Deploy.Passes", "Passed"),
            Result("Tests.Deploy.Rolls_back", "Failed", "Assert.Equal() Failure: Values differ\nExpected: 2\nActual:   1")));
        results.Write("nested/b.trx", Trx(
            """<Counters total="3" passed="1" failed="0" timeout="1" notExecuted="1" />""",
            Result("Tests.Logs.Follows", "Timeout"),
            Result("Tests.Logs.Skipped", "NotExecuted")));

        var read = TestResults.Read(AbsolutePath.Create(results.Path));

        Assert.Equal("3 passed, 2 failed, 1 skipped", read.ToString());
        Assert.Equal(
            [
                new TestFailure("Tests.Deploy.Rolls_back", "Assert.Equal() Failure: Values differ"),
                new TestFailure("Tests.Logs.Follows", "no message"),
            ],
            read.Failures);
    }

    [Fact]
    public void A_long_message_is_cut_and_a_missing_directory_reads_as_no_tests()
    {
        using var results = new TempDirectory("test-results");
        results.Write("a.trx", Trx(
            """<Counters total="1" passed="0" failed="1" />""",
            Result("Tests.Long", "Failed", new string('x', 1000))));

        var failure = Assert.Single(TestResults.Read(AbsolutePath.Create(results.Path)).Failures);
        Assert.Equal(403, failure.Reason.Length);
        Assert.EndsWith("...", failure.Reason, StringComparison.Ordinal);

        var none = TestResults.Read(AbsolutePath.Create(results.Combine("missing")));
        Assert.Equal("0 passed, 0 failed, 0 skipped", none.ToString());
        Assert.Empty(none.Failures);
    }

    private static string Trx(string counters, params string[] results) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>{string.Concat(results)}</Results>
          <ResultSummary outcome="Failed">{counters}</ResultSummary>
        </TestRun>
        """;

    private static string Result(string name, string outcome, string? message = null) =>
        message is null
            ? $"""<UnitTestResult testName="{name}" outcome="{outcome}" />"""
            : $"""
              <UnitTestResult testName="{name}" outcome="{outcome}">
                <Output><ErrorInfo><Message>{System.Security.SecurityElement.Escape(message)}</Message><StackTrace>at X</StackTrace></ErrorInfo></Output>
              </UnitTestResult>
              """;
}
