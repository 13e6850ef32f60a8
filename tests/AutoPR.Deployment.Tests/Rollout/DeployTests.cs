using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tests.Rollout.Fakes;

namespace AutoPR.Deployment.Tests.Rollout;

public sealed class DeployTests
{
    [Fact]
    public async Task A_first_deployment_registers_creates_the_service_and_succeeds_on_ECS_success()
    {
        using var bed = new DeploymentTestBed();
        var log = new EventLog();

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestA), log);

        Assert.Equal(DeploymentStatus.Succeeded, result.Status);
        Assert.True(result.Succeeded);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr-production:1", result.TaskDefinitionArn);
        Assert.Equal(["RegisterTaskDefinition", "CreateService"], bed.Ecs.MutatingCalls.Where(o => o != "TagResource"));
        Assert.Equal("SUCCESSFUL", result.Rollout!.Status);
        Assert.Empty(bed.Ecs.ModelProblems);
        Assert.Single(log.Of<PlanReady>());
        Assert.Single(log.Of<TaskDefinitionRegistered>());
        Assert.Single(log.Of<ServiceCreated>());
        Assert.Equal(RolloutOutcome.Succeeded, Assert.Single(log.Of<RolloutFinished>()).Result.Outcome);
        Assert.Contains(log.Of<ServiceEventObserved>(), e => e.Event.Message == "(service autopr) has reached a steady state.");
        Assert.StartsWith("production: deployed autopr-production:1 in ", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_watches_tasks_per_revision_and_reports_each_service_event_once()
    {
        using var bed = new DeploymentTestBed();
        var old = await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.NextRollout = RolloutScript.Succeed(steps: 4);
        var log = new EventLog();

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB), log);

        Assert.Equal(DeploymentStatus.Succeeded, result.Status);
        Assert.Equal(["RegisterTaskDefinition", "UpdateService"], bed.Ecs.MutatingCalls.Where(o => o != "TagResource"));
        var update = bed.Ecs.Calls.Single(c => c.Operation == "UpdateService").Request;
        Assert.Equal(result.TaskDefinitionArn, update["taskDefinition"]!.GetValue<string>());
        var progress = log.Of<RolloutProgressed>().ToList();
        Assert.Contains(progress, p => p.Revisions.Any(r => r.IsTarget && r.Running == 1 && r.Desired == 3) && p.Revisions.Any(r => !r.IsTarget && r.TaskDefinitionArn == old));
        Assert.Contains(progress, p => p.Message.Contains("new autopr-production:2 2/3 running", StringComparison.Ordinal));
        var events = log.Of<ServiceEventObserved>().Select(e => e.Event.Id).ToList();
        Assert.Equal(events.Distinct().Count(), events.Count);
        Assert.DoesNotContain(log.Of<ServiceEventObserved>(), e => e.Event.Message!.Contains("autopr-production:1.", StringComparison.Ordinal));
        Assert.Contains(log.Of<ServiceEventObserved>(), e => e.Event.Message == "(service autopr) has reached a steady state.");
        Assert.Equal(progress.Select(p => p.Message).Distinct().Count(), progress.Count);
    }

    [Fact]
    public async Task Redeploying_what_runs_is_a_no_op_in_two_read_calls()
    {
        using var bed = new DeploymentTestBed();
        var arn = await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestA));

        Assert.Equal(DeploymentStatus.Unchanged, result.Status);
        Assert.True(result.Succeeded);
        Assert.Equal(arn, result.TaskDefinitionArn);
        Assert.Equal(["DescribeServices", "DescribeTaskDefinition"], bed.Ecs.Operations);
        Assert.True(result.Plan!.IsNoOp);
        Assert.Equal(1, bed.Ecs.RevisionCount(bed.Family));
    }

    [Fact]
    public async Task The_alarms_are_checked_before_the_first_change_and_not_for_a_no_op()
    {
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        var checks = new List<IReadOnlyList<string>>();
        Task<TimeSpan?> Check(CancellationToken _)
        {
            checks.Add([.. bed.Ecs.Operations]);
            return Task.FromResult<TimeSpan?>(null);
        }

        var unchanged = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestA) with { CheckAlarms = Check });
        Assert.Equal(DeploymentStatus.Unchanged, unchanged.Status);
        Assert.Empty(checks);

        bed.Ecs.ClearCalls();
        var deployed = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB) with { CheckAlarms = Check });
        Assert.Equal(DeploymentStatus.Succeeded, deployed.Status);
        Assert.DoesNotContain(Assert.Single(checks), FakeEcs.MutatingOperations.Contains);

        // A refusal there changes nothing.
        bed.Ecs.ClearCalls();
        var refused = await Assert.ThrowsAsync<DeploymentRefusedException>(() => bed.DeployAsync(bed.Request("sha256:" + new string('c', 64)) with
        {
            CheckAlarms = _ => throw new DeploymentRefusedException(RefusalReason.MissingAlarms, "deployment.alarms names an alarm CloudWatch does not have"),
        }));
        Assert.Equal(RefusalReason.MissingAlarms, refused.Reason);
        Assert.Empty(bed.Ecs.MutatingCalls);
    }

    [Fact]
    public async Task Redeploying_what_runs_waits_until_ECS_has_replaced_the_tasks_that_stopped()
    {
        using var bed = new DeploymentTestBed();
        var arn = await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        // Its tasks died (a crash, a restart of LocalEcs); ECS starts new ones while the deployment reads the service,
        // and says the service is steady once they are healthy, two reads later.
        var primary = bed.Ecs.Service("autopr").Primary!;
        primary.Running = 0;
        var reads = 0;
        bed.Ecs.Received += operation =>
        {
            if (operation != "DescribeServices")
            {
                return;
            }

            if (++reads == 3)
            {
                primary.Running = primary.Desired;
            }
            else if (reads == 5)
            {
                bed.Ecs.AddEvent("autopr", "(service autopr) has reached a steady state.");
            }
        };
        var log = new EventLog();

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestA), log);

        Assert.Equal(DeploymentStatus.Unchanged, result.Status);
        Assert.Equal(arn, result.TaskDefinitionArn);
        Assert.Empty(bed.Ecs.MutatingCalls);
        var settling = Assert.Single(log.Of<ServiceSettling>());
        Assert.Equal($"nothing to change, but service autopr runs 0 of {primary.Desired} tasks: waiting for ECS to start the rest", settling.Message);
        Assert.Equal(5, reads);
        Assert.Equal(RolloutOutcome.Succeeded, result.Rollout!.Outcome);
    }

    [Fact]
    public async Task Redeploying_what_runs_fails_when_ECS_does_not_bring_the_service_back_in_time()
    {
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.Service("autopr").Primary!.Running = 0;

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestA) with { Timeout = TimeSpan.FromSeconds(20) });

        Assert.Equal(DeploymentStatus.TimedOut, result.Status);
        Assert.False(result.Succeeded);
        Assert.Empty(bed.Ecs.MutatingCalls);
    }

    [Fact]
    public async Task An_identical_latest_revision_is_reused_instead_of_registered_again()
    {
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        var latest = bed.Ecs.Seed(bed.Render(DeploymentTestBed.DigestB).RegisterTaskDefinitionRequest());
        bed.Ecs.ClearCalls();
        var log = new EventLog();

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB), log);

        Assert.Equal(DeploymentStatus.Succeeded, result.Status);
        Assert.Equal(latest, result.TaskDefinitionArn);
        Assert.DoesNotContain("RegisterTaskDefinition", bed.Ecs.Operations);
        Assert.Single(log.Of<TaskDefinitionReused>());
        Assert.Equal(2, bed.Ecs.RevisionCount(bed.Family));
    }

    [Fact]
    public async Task A_circuit_breaker_rollback_is_a_failure_with_the_stopped_tasks_reason()
    {
        using var bed = new DeploymentTestBed();
        var old = await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.NextRollout = RolloutScript.CircuitBreakerRollback(failures: 2);
        var log = new EventLog();

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB), log);

        Assert.Equal(DeploymentStatus.RolledBack, result.Status);
        Assert.False(result.Succeeded);
        Assert.Equal("ROLLBACK_SUCCESSFUL", result.Rollout!.Status);
        Assert.Equal(old, result.Rollout.FinalTaskDefinitionArn);
        Assert.Contains("ECS rolled autopr-production:2 back: Service deployment rolled back because the circuit breaker threshold was exceeded.", result.Reason, StringComparison.Ordinal);
        Assert.Contains("EssentialContainerExited: Essential container in task exited; autopr: exit code 3 crashed on start", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, log.Of<TaskStopped>().Count());
        Assert.Equal(2, log.Of<TaskStopped>().Select(t => t.Task.TaskArn).Distinct().Count());
        Assert.Single(log.Of<RollbackObserved>());
        Assert.StartsWith("production: FAILED: ECS rolled autopr-production:2 back: ", result.Summary, StringComparison.Ordinal);
        var record = (await bed.History.ReadAsync(bed.Family, "production")).First(r => r.TaskDefinitionArn == result.TaskDefinitionArn);
        Assert.Equal(DeploymentOutcome.RolledBack, record.Outcome);
    }

    [Fact]
    public async Task A_circuit_breaker_without_rollback_is_a_failure()
    {
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.NextRollout = RolloutScript.FailWithoutRollback();

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB));

        Assert.Equal(DeploymentStatus.Failed, result.Status);
        Assert.Contains("ECS marked the deployment of autopr-production:2 FAILED: ECS deployment circuit breaker: tasks failed to start.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollout_that_does_not_finish_times_out_and_names_where_it_stands()
    {
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.NextRollout = RolloutScript.Hang();

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB) with { Timeout = TimeSpan.FromSeconds(30) });

        Assert.Equal(DeploymentStatus.TimedOut, result.Status);
        Assert.Equal("the rollout of autopr-production:2 did not finish within 30 s (still IN_PROGRESS)", result.Reason);
        Assert.NotNull(result.ServiceDeploymentArn);
    }

    [Fact]
    public async Task A_configuration_only_change_updates_the_service_without_a_new_revision()
    {
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        using var scaled = new DeploymentTestBed(change: e => e with { DesiredCount = 5 });

        var plan = await bed.Deployer.PlanAsync(scaled.Templates.Render(scaled.Environment, DeploymentTestBed.Release(DeploymentTestBed.DigestA)));
        var result = await bed.DeployAsync(new DeployRequest { Rendered = plan.Rendered, Actor = "tester", Confirmed = true });

        Assert.True(plan.ServiceDiff.HasChanges);
        Assert.False(plan.RegistersTaskDefinition);
        Assert.Equal(DeploymentStatus.Succeeded, result.Status);
        Assert.DoesNotContain("RegisterTaskDefinition", bed.Ecs.Operations);
        Assert.Equal(5, bed.Ecs.Calls.Single(c => c.Operation == "UpdateService").Request["desiredCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Blue_green_reports_the_traffic_shift()
    {
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.NextRollout = RolloutScript.Succeed(steps: 4);
        var log = new EventLog();

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB), log);

        Assert.Equal(DeploymentStatus.Succeeded, result.Status);
        var traffic = log.Of<RolloutProgressed>().SelectMany(p => p.Revisions.Where(r => r.IsTarget).Select(r => r.TrafficPercent)).ToList();
        Assert.Contains(0.0, traffic);
        Assert.Contains(100.0, traffic);
        Assert.Contains(log.Of<RolloutProgressed>(), p => p.Message.Contains("traffic 0%", StringComparison.Ordinal) && p.Message.Contains("old autopr-production:1 3/3 running, traffic 100%", StringComparison.Ordinal));
        Assert.Contains(log.Of<RolloutProgressed>(), p => p.Stage == "BAKE_TIME");
    }
}
