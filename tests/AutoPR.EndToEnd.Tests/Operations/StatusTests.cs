using System.Text.RegularExpressions;
using AutoPR.EndToEnd.Tests.Stack;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Operations;

/// <summary>./build.sh Status on the tests' stack, through the ECS API LocalEcs speaks as AWS does; and LocalStatus on top of it.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class StatusTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task Status_shows_the_service_its_revision_its_healthy_tasks_and_the_last_verified_release_also_in_the_step_summary()
    {
        var baseline = await stack.EnsureBaselineAsync(output);
        var revision = $"autopr-local:{baseline.Revision}";
        var summaryFile = Path.Combine(Path.GetTempPath(), $"autopr-status-summary-{Guid.NewGuid():N}.md");
        try
        {
            var run = await stack.RunAsync(output, new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summaryFile }, "Status", "--environment", "local");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains($"local: service {stack.Environment.Service} ({stack.Environment.Cluster}) ACTIVE, runs {revision}; {baseline.DesiredCount}/{baseline.DesiredCount} running", run.Output, StringComparison.Ordinal);
            Assert.Contains($"  PRIMARY {revision} COMPLETED, {baseline.DesiredCount}/{baseline.DesiredCount} running", run.Output, StringComparison.Ordinal);
            foreach (var task in baseline.RunningTasks)
            {
                Assert.Matches($@"    task {Regex.Escape(task.Id)} RUNNING HEALTHY, started \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ, 127\.0\.", run.Output);
            }

            Assert.Matches(@"events \(newest first\):\n  \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(service ", run.Output);
            Assert.Matches(@"last verified: autopr-local:\d+ \((Deploy|Verify|Rollback), ", run.Output);
            var summary = await File.ReadAllTextAsync(summaryFile);
            Assert.StartsWith("### Status: local\n", summary, StringComparison.Ordinal);
            Assert.Contains($"| {revision} | PRIMARY | COMPLETED |", summary, StringComparison.Ordinal);

            var local = await stack.RunAsync(output, "LocalStatus");
            Assert.True(local.ExitCode == 0, local.ToString());
            Assert.Contains($"runs {revision}", local.Output, StringComparison.Ordinal);
            Assert.Contains($"listener {stack.Listener.ToString().TrimEnd('/')}", local.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(summaryFile);
        }
    }

    [Fact]
    public async Task Status_of_a_service_that_does_not_exist_is_one_line_and_a_failure()
    {
        using var copy = stack.CopyInputs("status-missing-service");
        copy.EditEnvironment("local", json => json["service"] = "autopr-nowhere");

        var run = await stack.RunAsync(output, "Status", "--environment", "local", "--root", copy.Root);

        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = run.FailureOf("Status");
        Assert.Contains("Target Status failed: local: service autopr-nowhere does not exist in cluster ", failure, StringComparison.Ordinal);
        Assert.Contains("fix: deploy it first", failure, StringComparison.Ordinal);
    }
}
