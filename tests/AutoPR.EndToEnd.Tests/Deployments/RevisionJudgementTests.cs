using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Deployments;

/// <summary>
/// Each revision is judged on its own answers, route by route (the X-AutoPR-Revision header attributes them), under
/// a steady user load where routes the release does not break dominate. LocalEcs's metrics are AWS-like here (one
/// minute datapoints, published late), so what judges within seconds is the probes.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class RevisionJudgementTests(LocalStackFixture stack, ITestOutputHelper output)
{
    private static readonly (string Route, int Weight)[] VersionDominates = [("/version", 18), ("/api/instance", 1), ("/", 1)];

    [Fact]
    public async Task A_rolling_release_that_breaks_one_route_is_rolled_back_although_other_routes_dominate_the_traffic()
    {
        var baseline = await stack.EnsureBaselineAsync(output);
        try
        {
            BuildRun run;
            await using (var users = UserLoad.Start(stack.Listener, 60, VersionDominates))
            {
                run = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", "20s",
                    "--container-env", "AUTOPR_FAULT_ERROR_RATE=0.5", "AUTOPR_FAULT_ROUTES=/");
                output.WriteLine("users: " + users.Describe());

                // The broken route is a small share of all requests: in total, within the 5 % limit.
                Assert.True(users.Count("/", s => s >= 500) < 0.05 * users.Total, users.Describe());
            }

            Assert.True(run.ExitCode == 1, run.ToString());
            var failure = run.FailureOf("DeployEcs");
            // Either the broken route itself, or all routes together with the broken one named in the figures per route.
            Assert.Matches(@"error rate of autopr-local:\d+ on (GET /|all routes together): \d+(\.\d)? % \(\d+ of \d+\) \(max 5 %\), vs 0 % \(0 of \d+\) on autopr-local:" + baseline.Revision, failure);
            Assert.Matches(@"(on GET /: |errors per route: / [1-9])", failure);
            Assert.EndsWith($"rolled back to autopr-local:{baseline.Revision}", failure.TrimEnd(), StringComparison.Ordinal);
            await stack.AssertBackOnAsync(baseline, run);
        }
        finally
        {
            await stack.ReturnToBaselineAsync(output);
        }
    }

    [Fact]
    public async Task A_good_release_that_replaces_a_broken_one_completes()
    {
        var baseline = await stack.EnsureBaselineAsync(output);
        try
        {
            // A broken release left running (no automatic rollback): half of / fails.
            var broken = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", LocalStackFixture.ShortBake, "--no-auto-rollback",
                "--container-env", "AUTOPR_FAULT_ERROR_RATE=0.5", "AUTOPR_FAULT_ROUTES=/");
            Assert.True(broken.ExitCode == 1, broken.ToString());
            var brokenRevision = (await stack.ServiceAsync()).TaskDefinition;

            BuildRun fix;
            await using (var users = UserLoad.Start(stack.Listener, 30, [("/", 1), ("/version", 1)]))
            {
                fix = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", "10s", "--container-env", "AUTOPR_FIX=1");
                output.WriteLine("users: " + users.Describe());
                Assert.True(users.Count("/", s => s >= 500) > 0, "the broken release should have failed users on / while it served: " + users.Describe());
            }

            Assert.True(fix.ExitCode == 0, fix.ToString());
            Assert.Contains("rollout succeeded", fix.Output, StringComparison.Ordinal);
            Assert.Matches(@"Verification of local \(autopr-local:\d+, revision [0-9a-f]+\): PASSED", fix.Output);
            Assert.Matches(@"PASS\s+probes\s.*judged against autopr-local:\d+", fix.Output);
            var now = await stack.ServiceAsync();
            Assert.NotEqual(brokenRevision, now.TaskDefinition);
        }
        finally
        {
            await stack.ReturnToBaselineAsync(output);
        }
    }
}
