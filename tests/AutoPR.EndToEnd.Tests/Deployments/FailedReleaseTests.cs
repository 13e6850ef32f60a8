using System.Text.RegularExpressions;
using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Deployments;

/// <summary>
/// Bad releases made with --container-env (the service's fault variables, real misbehaviour from a real container):
/// each is caught, rolled back to the baseline, and the run exits non-zero naming the cause.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class FailedReleaseTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task A_crash_looping_release_trips_the_circuit_breaker_is_rolled_back_and_the_exit_names_the_stopped_reason_and_the_containers_last_line()
    {
        var baseline = await stack.EnsureBaselineAsync(output);

        // Logs --follow watches the deployment from another process, as an operator's terminal would.
        using var follow = stack.Start(output, new Dictionary<string, string?>(), "Logs", "--environment", "local", "--follow", "--since", "5s");
        try
        {
            var run = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", LocalStackFixture.ShortBake,
                "--container-env", "AUTOPR_FAULT_CRASH_ON_START=0");

            Assert.True(run.ExitCode == 1, run.ToString());
            var failure = run.FailureOf("DeployEcs");
            Assert.Contains("circuit breaker", failure, StringComparison.Ordinal);
            Assert.Contains("EssentialContainerExited: Essential container in task exited; autopr: exit code 3", failure, StringComparison.Ordinal);
            Assert.EndsWith($"rolled back to autopr-local:{baseline.Revision}", failure.TrimEnd(), StringComparison.Ordinal);
            Assert.DoesNotContain("rollout succeeded", run.Output, StringComparison.Ordinal);

            // Under the failure line: each failing task with its reason and exit code, then its container's own last
            // lines read from CloudWatch Logs (the service's crash fault says why it exits).
            var details = run.AllText[(run.AllText.IndexOf(failure, StringComparison.Ordinal) + failure.Length)..];
            Assert.Matches(@"task [0-9a-f]+ stopped: EssentialContainerExited: Essential container in task exited; autopr: exit code 3\n\s+its last \d+ lines \(CloudWatch Logs /ecs/autopr-local autopr/autopr/[0-9a-f]+\):\n", details);
            Assert.Matches(@"\| .*Crash fault: exiting with code 3", details);
            await stack.AssertBackOnAsync(baseline, run);

            // The follow printed the crashing containers' lines as they came (time, short task id, message), each
            // once, and Ctrl-C ends it with exit code 0.
            var crashed = await follow.WaitForLineAsync("Crash fault: exiting with code 3", TimeSpan.FromSeconds(20));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [0-9a-f]{8} ", crashed);
            follow.Interrupt();
            var followed = await follow.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(followed.ExitCode == 0, followed.ToString());
            var lines = followed.Output.Split('\n').Where(l => Regex.IsMatch(l, @"^\d{4}-\d\d-\d\dT\S+Z [0-9a-f]{8} ")).ToList();
            Assert.True(lines.Count >= 2, followed.ToString());
            Assert.Equal(lines.Count, lines.Distinct(StringComparer.Ordinal).Count());
        }
        finally
        {
            await stack.ReturnToBaselineAsync(output);
        }
    }

    /// <summary>
    /// A release whose health endpoint fails never completes on ECS: the load balancer's health checks stop its tasks
    /// and the circuit breaker rolls it back (as on AWS), so the failure names the health check.
    /// </summary>
    [Fact]
    public async Task A_release_with_failing_health_checks_is_rolled_back_and_the_exit_names_the_health_check()
    {
        var baseline = await stack.EnsureBaselineAsync(output);
        try
        {
            var run = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", LocalStackFixture.ShortBake,
                "--container-env", "AUTOPR_FAULT_UNHEALTHY=true");

            Assert.True(run.ExitCode == 1, run.ToString());
            var failure = run.FailureOf("DeployEcs");
            Assert.Contains("Task failed ELB health checks", failure, StringComparison.Ordinal);
            Assert.EndsWith($"rolled back to autopr-local:{baseline.Revision}", failure.TrimEnd(), StringComparison.Ordinal);
            await stack.AssertBackOnAsync(baseline, run);
        }
        finally
        {
            await stack.ReturnToBaselineAsync(output);
        }
    }

    /// <summary>
    /// A release that fails from its first request is judged while it rolls out: the new tasks serve users before
    /// ECS calls the rollout complete, so DeployEcs stops it there (StopServiceDeployment ROLLBACK) instead of
    /// letting it finish and failing Verify later. LocalEcs's metrics are AWS-like (one-minute datapoints, a minute
    /// late), so the catch within seconds is the probes' (the failure names the route and the test).
    /// </summary>
    [Theory]
    [InlineData("AUTOPR_FAULT_ERROR_RATE=0.5", "failed while rolling out: error rate")]
    [InlineData("AUTOPR_FAULT_LATENCY_MS=3000", "failed while rolling out: p99 latency")]
    public async Task A_release_failing_from_its_first_request_is_stopped_during_the_rollout_and_rolled_back(string fault, string cause)
    {
        var baseline = await stack.EnsureBaselineAsync(output);
        try
        {
            var run = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", LocalStackFixture.ShortBake,
                "--container-env", fault);

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.DoesNotContain("rollout succeeded", run.Output, StringComparison.Ordinal);
            Assert.Contains("(StopServiceDeployment ROLLBACK)", run.Output, StringComparison.Ordinal);
            var failure = run.FailureOf("DeployEcs");
            Assert.Contains(cause, failure, StringComparison.Ordinal);
            Assert.Matches(@" of autopr-local:\d+ on (GET /|all routes together: )", failure);
            Assert.EndsWith($"rolled back to autopr-local:{baseline.Revision}", failure.TrimEnd(), StringComparison.Ordinal);
            await stack.AssertBackOnAsync(baseline, run);
        }
        finally
        {
            await stack.ReturnToBaselineAsync(output);
        }
    }

    [Fact]
    public Task An_error_rate_spike_in_the_bake_window_fails_Verify_and_rolls_back() =>
        DegradingInTheBakeWindowIsRolledBackAsync("AUTOPR_FAULT_ERROR_RATE=0.5", "probes", run =>
        {
            Assert.Matches(@"FAIL\s+probes\s+error rate of autopr-local:\d+ on (GET /(api/instance)?|all routes together): \d+(\.\d)? % \(\d+ of \d+\) \(max 5 %\), vs 0 % \(0 of \d+\) on autopr-local:\d+", run.Output);
            Assert.Contains("Rolling back: local: verification FAILED", run.Output, StringComparison.Ordinal);
        });

    // Local threshold: p99 2000 ms.
    [Fact]
    public Task Latency_above_the_p99_threshold_in_the_bake_window_fails_Verify_and_rolls_back() =>
        DegradingInTheBakeWindowIsRolledBackAsync("AUTOPR_FAULT_LATENCY_MS=3000", "probes", run =>
            Assert.Matches(@"FAIL\s+probes\s+p99 latency of autopr-local:\d+ on (GET /(api/instance)?|all routes together): \d+ ms \(max 2000 ms; \d+ of \d+ slower\)", run.Output));

    /// <summary>
    /// A release that degrades 30 s after its tasks start (AUTOPR_FAULT_AFTER_SECONDS): after the rollout, inside a
    /// 45 s bake window. Verify fails on <paramref name="check"/> and the build rolls back to the baseline.
    /// </summary>
    private async Task DegradingInTheBakeWindowIsRolledBackAsync(string fault, string check, Action<BuildRun> alsoAssert)
    {
        var baseline = await stack.EnsureBaselineAsync(output);
        try
        {
            var run = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", "45s",
                "--container-env", fault, "AUTOPR_FAULT_AFTER_SECONDS=30");

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("rollout succeeded", run.Output, StringComparison.Ordinal);
            alsoAssert(run);
            var failure = run.FailureOf("Verify");
            Assert.Contains(check, failure, StringComparison.Ordinal);
            Assert.EndsWith($"rolled back to autopr-local:{baseline.Revision}", failure.TrimEnd(), StringComparison.Ordinal);
            await stack.AssertBackOnAsync(baseline, run);
        }
        finally
        {
            await stack.ReturnToBaselineAsync(output);
        }
    }
}
