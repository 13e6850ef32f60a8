using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tests.Rollout.Fakes;

namespace AutoPR.Deployment.Tests.Rollout;

public sealed class SafetyTests
{
    [Fact]
    public async Task An_environment_that_requires_approval_refuses_an_unconfirmed_deployment_before_any_call()
    {
        using var bed = new DeploymentTestBed("production");
        Assert.True(bed.Environment.RequiresApproval);

        var error = await Assert.ThrowsAsync<DeploymentRefusedException>(() => bed.Deployer.DeployAsync(bed.Request(DeploymentTestBed.DigestA, confirmed: false)));

        Assert.Equal(RefusalReason.ApprovalRequired, error.Reason);
        Assert.Equal(
            "environment production requires approval and this request to deploy to it was not confirmed; nothing was changed; " +
            "fix: confirm it (--confirm), or run it through the CI deploy workflow, which approves through the GitHub environment",
            error.Message);
        Assert.Empty(bed.Ecs.Operations);
    }

    [Fact]
    public async Task A_dry_run_plans_and_diffs_without_any_mutating_call_even_unconfirmed()
    {
        using var bed = new DeploymentTestBed("production");
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        var log = new EventLog();

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB, confirmed: false, dryRun: true), log);

        Assert.Equal(DeploymentStatus.DryRun, result.Status);
        Assert.Empty(bed.Ecs.MutatingCalls);
        var plan = Assert.Single(log.Of<PlanReady>()).Plan;
        Assert.True(plan.RegistersTaskDefinition);
        Assert.True(plan.TaskDefinitionDiff.HasChanges);
        Assert.False(plan.ServiceDiff.HasChanges);
        var text = plan.ToText();
        Assert.Contains("  - register a new revision of task definition autopr-production", text, StringComparison.Ordinal);
        Assert.Contains("  - update service autopr from autopr-production:1 to the new revision (BLUE_GREEN)", text, StringComparison.Ordinal);
        Assert.True(text.Contains("+      \"image\": \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/autopr@" + DeploymentTestBed.DigestB, StringComparison.Ordinal), text);
        Assert.Contains("service autopr: no changes", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_in_progress_on_ECS_refuses_a_second_one_naming_it_without_mutating_calls()
    {
        using var bed = new DeploymentTestBed("production");
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.NextRollout = RolloutScript.Hang();
        var first = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB) with { Timeout = TimeSpan.FromSeconds(5) });
        Assert.Equal(DeploymentStatus.TimedOut, first.Status);
        bed.Ecs.ClearCalls();

        var error = await Assert.ThrowsAsync<DeploymentRefusedException>(() =>
            bed.DeployAsync(bed.Request("sha256:" + new string('c', 64), "cccccccccccccccccccccccccccccccccccccccc")));

        Assert.Equal(RefusalReason.DeploymentInProgress, error.Reason);
        Assert.Contains("another deployment is in progress on production (service autopr): autopr-production:2 (ecs-svc/", error.Message, StringComparison.Ordinal);
        Assert.Contains("service deployment " + first.ServiceDeploymentArn + " (IN_PROGRESS since 2026-01-15", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed; fix: wait for it to finish or roll it back, then run again", error.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Ecs.MutatingCalls);
    }

    [Fact]
    public async Task A_deployment_of_the_same_environment_on_this_machine_refuses_at_once_naming_the_holder()
    {
        using var bed = new DeploymentTestBed("production");
        using (EnvironmentLock.Acquire(bed.LockDirectory, "production", "alice deploying main", bed.Time))
        {
            var error = await Assert.ThrowsAsync<DeploymentRefusedException>(() => bed.Deployer.DeployAsync(bed.Request(DeploymentTestBed.DigestA)));

            Assert.Equal(RefusalReason.Locked, error.Reason);
            Assert.StartsWith($"another deployment of production is running on this machine (alice deploying main, pid {Environment.ProcessId}, since 2026-01-15T12:00:00", error.Message, StringComparison.Ordinal);
            Assert.Empty(bed.Ecs.Operations);
        }

        var result = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestA));
        Assert.Equal(DeploymentStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task Interrupting_a_deployment_records_it_and_a_rerun_resumes_watching_the_same_rollout()
    {
        using var bed = new DeploymentTestBed("production");
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.NextRollout = RolloutScript.Succeed(steps: 12);
        using var interrupt = new CancellationTokenSource();
        var describes = 0;
        bed.Ecs.Received += operation =>
        {
            if (operation == "DescribeServices" && ++describes == 4)
            {
                interrupt.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB), null, interrupt.Token));
        var registered = bed.Ecs.Calls.Count(c => c.Operation == "RegisterTaskDefinition");
        var updates = bed.Ecs.Calls.Count(c => c.Operation == "UpdateService");
        var log = new EventLog();
        var rerun = await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestB), log);

        Assert.Equal(DeploymentStatus.Succeeded, rerun.Status);
        Assert.Single(log.Of<DeploymentResumed>());
        Assert.Equal(registered, bed.Ecs.Calls.Count(c => c.Operation == "RegisterTaskDefinition"));
        Assert.Equal(updates, bed.Ecs.Calls.Count(c => c.Operation == "UpdateService"));
        var records = await bed.History.ReadAsync(bed.Family, "production");
        Assert.Contains(records, r => r.Outcome == DeploymentOutcome.Canceled && r.TaskDefinitionArn == rerun.TaskDefinitionArn);
        Assert.Contains(records, r => r.Outcome == DeploymentOutcome.Deployed && r.TaskDefinitionArn == rerun.TaskDefinitionArn);
    }
}
