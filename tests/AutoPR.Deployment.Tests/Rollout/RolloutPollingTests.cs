using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tests.Rollout.Fakes;

namespace AutoPR.Deployment.Tests.Rollout;

/// <summary>How often the watcher asks, and what: faster when the end is near, fewer calls while nothing moves.</summary>
public sealed class RolloutPollingTests
{
    [Fact]
    public async Task Polls_come_every_second_until_all_new_tasks_run_then_every_half_second_until_the_end()
    {
        // Without deployment alarms ECS completes the deployment as soon as the old tasks are gone.
        using var bed = new DeploymentTestBed("dev", e => e with { DesiredCount = 3, Deployment = e.Deployment with { Alarms = null } });
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        // Steps 1-2 start tasks (1/3, 2/3 running); after step 3 all 3 run while old tasks drain; step 6 ends it.
        bed.Ecs.NextRollout = RolloutScript.Succeed(steps: 6);
        var polls = PollsAfterUpdate(bed);

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB));

        Assert.Equal(DeploymentStatus.Succeeded, result.Status);
        var gaps = polls.Zip(polls.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.Equal(5, gaps.Count);
        Assert.All(gaps.Take(2), gap => Assert.InRange(gap, 1.0, 1.5));
        Assert.All(gaps.Skip(2), gap => Assert.InRange(gap, 0.5, 0.75));
    }

    [Fact]
    public async Task With_deployment_alarms_the_service_is_described_every_two_seconds_until_shortly_before_the_bake_should_end()
    {
        using var bed = new DeploymentTestBed("dev", e => e with { DesiredCount = 3 });
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        // Steps 1-2 start tasks, step 3 all run while old ones drain, step 6 the old deployment is gone: a 10 s bake.
        bed.Ecs.NextRollout = RolloutScript.Succeed(steps: 6, bake: TimeSpan.FromSeconds(10));
        var polls = PollsAfterUpdate(bed);
        var guard = new ScriptedGuard(breachOnCall: int.MaxValue, "never", bed.Time);
        var log = new EventLog();

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB) with { CheckAlarms = _ => Task.FromResult<TimeSpan?>(TimeSpan.FromSeconds(10)), Guard = guard }, log);

        Assert.Equal(DeploymentStatus.Succeeded, result.Status);
        var bakeStarted = Assert.Single(log.Of<AlarmBakeStarted>());
        Assert.Contains("about 10 s", bakeStarted.Message, StringComparison.Ordinal);
        var gaps = polls.Zip(polls.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        // 1 s while tasks start; 2 s while old tasks drain and through most of the bake; 0.5 s from 2 s before its end.
        Assert.All(gaps.Take(2), gap => Assert.InRange(gap, 1.0, 1.25));
        Assert.All(gaps.Skip(2).Take(gaps.Count - 6), gap => Assert.InRange(gap, 2.0, 2.25));
        Assert.All(gaps.TakeLast(4), gap => Assert.InRange(gap, 0.5, 0.75));
        var bakePolls = polls.Count(p => p > bakeStarted.Time);
        Assert.InRange(bakePolls, 7, 9);
        Assert.InRange(polls[^1] - bakeStarted.Time, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10.75));
        // While the bake shows nothing new, the service deployment is described only every few seconds.
        Assert.InRange(bed.Ecs.Operations.Count(o => o == "DescribeServiceDeployments"), 1, polls.Count / 2);
        // The guard judges every second, also between the slow descriptions.
        var judged = guard.CalledAt.Zip(guard.CalledAt.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.NotEmpty(judged);
        Assert.All(judged, gap => Assert.InRange(gap, 0.4, 1.25));
    }

    [Fact]
    public async Task Without_an_expected_bake_the_watch_polls_slowly_to_the_end_of_the_bake()
    {
        using var bed = new DeploymentTestBed("dev", e => e with { DesiredCount = 2 });
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.NextRollout = RolloutScript.Succeed(steps: 3, bake: TimeSpan.FromSeconds(9));
        var log = new EventLog();

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB), log);

        Assert.Equal(DeploymentStatus.Succeeded, result.Status);
        var bakeStarted = Assert.Single(log.Of<AlarmBakeStarted>());
        Assert.DoesNotContain("about", bakeStarted.Message, StringComparison.Ordinal);
        var finished = Assert.Single(log.Of<RolloutFinished>());
        // 2 s polls: the end (9 s after the bake began) is seen at the next one, 10 s.
        Assert.InRange(finished.Time - bakeStarted.Time, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10.25));
    }

    [Fact]
    public async Task While_describe_services_shows_nothing_new_the_service_deployment_is_described_only_every_few_seconds()
    {
        using var bed = new DeploymentTestBed("dev", e => e with { DesiredCount = 3 });
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.NextRollout = RolloutScript.Hang();
        var request = bed.Request(DeploymentTestBed.DigestB) with { Timeout = TimeSpan.FromSeconds(60) };

        var result = await bed.DeployAsync(request);

        Assert.Equal(DeploymentStatus.TimedOut, result.Status);
        var services = bed.Ecs.Operations.Count(o => o == "DescribeServices");
        var serviceDeployments = bed.Ecs.Operations.Count(o => o == "DescribeServiceDeployments");
        Assert.InRange(services, 55, 65);
        Assert.InRange(serviceDeployments, 10, 16);
    }

    [Fact]
    public async Task A_breach_the_guard_finds_while_new_tasks_serve_ends_the_watch_with_ECS_still_rolling_out()
    {
        using var bed = new DeploymentTestBed("dev");
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.NextRollout = RolloutScript.Succeed(steps: 10);
        var guard = new ScriptedGuard(breachOnCall: 3, "error rate 40 % (8 of 20 requests)");

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB) with { Guard = guard });

        Assert.Equal(DeploymentStatus.Failed, result.Status);
        Assert.Equal("autopr-dev:2 failed while rolling out: error rate 40 % (8 of 20 requests)", result.Reason);
        Assert.Equal(3, guard.Calls.Count);
        Assert.Single(guard.Calls.Distinct());
        Assert.Equal([result.TaskDefinitionArn!], guard.Begun);
        Assert.Equal("IN_PROGRESS", bed.Ecs.Service("autopr").Rollouts[0].Status);
        var records = await bed.History.ReadAsync(bed.Family, "dev");
        Assert.Contains(records, r => r.Outcome == Deployment.History.DeploymentOutcome.Failed && r.Reason == result.Reason);
    }

    [Fact]
    public async Task The_guard_is_not_asked_while_no_new_task_runs()
    {
        using var bed = new DeploymentTestBed("dev");
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.NextRollout = RolloutScript.CircuitBreakerRollback();
        var guard = new ScriptedGuard(breachOnCall: 1, "should not be asked");

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB) with { Guard = guard });

        Assert.Equal(DeploymentStatus.RolledBack, result.Status);
        Assert.Empty(guard.Calls);
    }

    [Fact]
    public async Task A_deployment_that_creates_the_service_is_not_guarded()
    {
        using var bed = new DeploymentTestBed("dev");
        var guard = new ScriptedGuard(breachOnCall: 1, "should not be asked");

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestA) with { Guard = guard });

        Assert.Equal(DeploymentStatus.Succeeded, result.Status);
        Assert.Empty(guard.Calls);
    }

    /// <summary>When the watch described the service, from the UpdateService on.</summary>
    private static List<DateTimeOffset> PollsAfterUpdate(DeploymentTestBed bed)
    {
        var polls = new List<DateTimeOffset>();
        var updated = false;
        bed.Ecs.Received += operation =>
        {
            updated |= operation == "UpdateService";
            if (updated && operation == "DescribeServices")
            {
                polls.Add(bed.Time.GetUtcNow());
            }
        };
        return polls;
    }

    private sealed class ScriptedGuard(int breachOnCall, string breach, TimeProvider? time = null) : IRolloutGuard
    {
        public List<DateTimeOffset> Calls { get; } = [];

        public List<DateTimeOffset> CalledAt { get; } = [];

        public List<string> Begun { get; } = [];

        public void Begin(string taskDefinitionArn) => Begun.Add(taskDefinitionArn);

        public Task<string?> CheckAsync(DateTimeOffset since, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
        {
            Calls.Add(since);
            CalledAt.Add((time ?? TimeProvider.System).GetUtcNow());
            return Task.FromResult(Calls.Count >= breachOnCall ? breach : null);
        }

        public bool HasJudgedEveryRoute() => Calls.Count > 0;
    }
}
