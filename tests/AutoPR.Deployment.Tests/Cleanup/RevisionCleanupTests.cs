using System.Globalization;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Cleanup;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tests.Rollout.Fakes;

namespace AutoPR.Deployment.Tests.Cleanup;

/// <summary>Which revisions Cleanup keeps and which it deregisters, on the in-memory ECS behind the real client.</summary>
public sealed class RevisionCleanupTests
{
    [Fact]
    public async Task Keeps_the_newest_N_what_runs_the_last_verified_and_the_rollback_target_and_deregisters_the_rest_oldest_first()
    {
        using var bed = new DeploymentTestBed();
        var revisions = Register(bed, 8);
        bed.Ecs.SeedService(bed.Render(DeploymentTestBed.DigestA).CreateServiceRequest(revisions[5]), revisions[5]);
        await VerifiedAsync(bed, revisions[2], minutesAgo: 50);   // older than the rollback target: not protected
        await VerifiedAsync(bed, revisions[3], minutesAgo: 30);   // the previous verified release: Rollback's target
        await VerifiedAsync(bed, revisions[5], minutesAgo: 10);   // runs, and the last verified release
        await RecordAsync(bed, revisions[4], DeploymentOutcome.RolledBack, minutesAgo: 20);
        bed.Ecs.ClearCalls();
        var events = new EventLog();

        var result = await Cleanup(bed).RunAsync(keep: 2, dryRun: false, events);

        Assert.Equal(
            [(8, KeepReasons.Newest), (7, KeepReasons.Newest), (5, KeepReasons.Service | KeepReasons.RunningTask | KeepReasons.LastVerified), (3, KeepReasons.RollbackTarget)],
            result.Plan.Kept.Select(k => (DeploymentRecord.RevisionOf(k.TaskDefinitionArn), k.Reasons)));
        Assert.Equal([6, 4, 2, 1], result.Plan.Deregister.Select(DeploymentRecord.RevisionOf));
        Assert.Equal([1, 2, 4, 6], result.Deregistered.Select(DeploymentRecord.RevisionOf));
        Assert.Equal(["DeregisterTaskDefinition", "DeregisterTaskDefinition", "DeregisterTaskDefinition", "DeregisterTaskDefinition"], bed.Ecs.MutatingCalls);
        foreach (var (revision, status) in new[] { (1, "INACTIVE"), (2, "INACTIVE"), (3, "ACTIVE"), (4, "INACTIVE"), (5, "ACTIVE"), (6, "INACTIVE"), (7, "ACTIVE"), (8, "ACTIVE") })
        {
            Assert.Equal(status, bed.Ecs.StatusOf(revisions[revision]));
        }

        Assert.Equal(
            ["production: autopr-production has 8 active revision(s); keeping 4, deregistering 4 (--keep 2)", "deregistered autopr-production:1",
             "deregistered autopr-production:2", "deregistered autopr-production:4", "deregistered autopr-production:6"],
            events.Events.Select(e => e.Message));
        var text = result.Plan.ToText(dryRun: false);
        Assert.Contains("keep autopr-production:5: the service runs it, a task runs it, the last verified release", text, StringComparison.Ordinal);
        Assert.Contains("keep autopr-production:3: Rollback would return to it", text, StringComparison.Ordinal);
        Assert.Contains("keep autopr-production:8: one of the newest 2", text, StringComparison.Ordinal);
        Assert.Equal("production: deregistered 4 revision(s) of autopr-production, kept 4", result.Summary);
        Assert.Empty(bed.Ecs.ModelProblems);

        // Once cleaned, a second run has nothing left to do.
        var again = await Cleanup(bed).RunAsync(keep: 2, dryRun: false, progress: null);
        Assert.Empty(again.Plan.Deregister);
        Assert.Equal(4, again.Plan.Kept.Count);
    }

    [Fact]
    public async Task A_dry_run_lists_what_it_would_deregister_and_what_it_keeps_and_changes_nothing()
    {
        using var bed = new DeploymentTestBed();
        var revisions = Register(bed, 5);
        bed.Ecs.SeedService(bed.Render(DeploymentTestBed.DigestA).CreateServiceRequest(revisions[3]), revisions[3]);
        bed.Ecs.ClearCalls();

        var result = await Cleanup(bed).RunAsync(keep: 1, dryRun: true, progress: null);

        Assert.Empty(bed.Ecs.MutatingCalls);
        Assert.Empty(result.Deregistered);
        Assert.All(revisions.Values, arn => Assert.Equal("ACTIVE", bed.Ecs.StatusOf(arn)));
        Assert.Equal(
            "production: autopr-production has 5 active revision(s); keeping 2, deregistering 3 (--keep 1)\n" +
            "keep autopr-production:5: one of the newest 1\n" +
            "keep autopr-production:3: the service runs it, a task runs it\n" +
            "would deregister autopr-production:4\n" +
            "would deregister autopr-production:2\n" +
            "would deregister autopr-production:1",
            result.Plan.ToText(dryRun: true));
        Assert.Equal("production: dry run: would deregister 3 revision(s) of autopr-production, keep 2; nothing was changed", result.Summary);
    }

    [Fact]
    public async Task Both_revisions_of_a_deployment_in_progress_and_a_revision_a_one_off_task_runs_are_kept()
    {
        using var bed = new DeploymentTestBed();
        var revisions = Register(bed, 6);
        bed.Ecs.SeedService(bed.Render(DeploymentTestBed.DigestA).CreateServiceRequest(revisions[2]), revisions[2]);
        bed.Ecs.NextRollout = RolloutScript.Hang();
        await bed.Client.UpdateServiceAsync(new JsonObject { ["cluster"] = bed.Environment.Cluster, ["service"] = bed.Environment.Service, ["taskDefinition"] = revisions[3] });
        await bed.Client.DescribeServiceAsync(bed.Environment.Cluster, bed.Environment.Service);
        bed.Ecs.OneOffRunningPolls = int.MaxValue;
        await bed.Client.RunTaskAsync(new JsonObject
        {
            ["cluster"] = bed.Environment.Cluster,
            ["taskDefinition"] = revisions[1],
            ["overrides"] = new JsonObject { ["containerOverrides"] = new JsonArray(new JsonObject { ["name"] = "autopr", ["command"] = new JsonArray("migrate") }) },
        });
        bed.Ecs.ClearCalls();

        var plan = await Cleanup(bed).PlanAsync(keep: 1);

        Assert.Equal(
            [
                (6, KeepReasons.Newest),
                (3, KeepReasons.Service | KeepReasons.DeploymentInProgress | KeepReasons.RunningTask),
                (2, KeepReasons.Service | KeepReasons.DeploymentInProgress | KeepReasons.RunningTask),
                (1, KeepReasons.RunningTask),
            ],
            plan.Kept.Select(k => (DeploymentRecord.RevisionOf(k.TaskDefinitionArn), k.Reasons)));
        Assert.Equal([5, 4], plan.Deregister.Select(DeploymentRecord.RevisionOf));
        Assert.Empty(bed.Ecs.MutatingCalls);
        Assert.Empty(bed.Ecs.ModelProblems);
    }

    [Fact]
    public async Task Without_a_service_only_the_newest_and_the_last_verified_release_are_kept()
    {
        using var bed = new DeploymentTestBed();
        var revisions = Register(bed, 4);
        await VerifiedAsync(bed, revisions[1], minutesAgo: 30);
        bed.Ecs.ClearCalls();

        var plan = await Cleanup(bed).PlanAsync(keep: 1);

        // Nothing runs, so no revision other than the last verified one is a rollback target.
        Assert.Equal([(4, KeepReasons.Newest), (1, KeepReasons.LastVerified | KeepReasons.RollbackTarget)],
            plan.Kept.Select(k => (DeploymentRecord.RevisionOf(k.TaskDefinitionArn), k.Reasons)));
        Assert.Equal([3, 2], plan.Deregister.Select(DeploymentRecord.RevisionOf));
    }

    [Fact]
    public async Task Another_family_that_shares_the_prefix_is_never_touched()
    {
        using var bed = new DeploymentTestBed();
        var revisions = Register(bed, 3);
        var worker = bed.Render(DeploymentTestBed.DigestA).RegisterTaskDefinitionRequest();
        worker["family"] = bed.Family + "-worker";
        var workerArn = bed.Ecs.Seed(worker);

        var result = await Cleanup(bed).RunAsync(keep: 1, dryRun: false, progress: null);

        Assert.Equal([1, 2], result.Deregistered.Select(DeploymentRecord.RevisionOf));
        Assert.Equal("ACTIVE", bed.Ecs.StatusOf(workerArn));
        Assert.Equal("ACTIVE", bed.Ecs.StatusOf(revisions[3]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task Keeping_fewer_than_one_revision_is_refused_before_any_call(int keep)
    {
        using var bed = new DeploymentTestBed();
        Register(bed, 2);
        bed.Ecs.ClearCalls();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Cleanup(bed).RunAsync(keep, dryRun: false, progress: null));

        Assert.Empty(bed.Ecs.Operations);
    }

    private static RevisionCleanup Cleanup(DeploymentTestBed bed) => new(bed.Client, bed.History, bed.Context);

    /// <summary>Revisions 1..count of the family, by number.</summary>
    private static Dictionary<int, string> Register(DeploymentTestBed bed, int count)
    {
        var revisions = new Dictionary<int, string>();
        for (var i = 1; i <= count; i++)
        {
            var arn = bed.Ecs.Seed(bed.Render(DeploymentTestBed.DigestA).RegisterTaskDefinitionRequest());
            Assert.EndsWith(":" + i.ToString(CultureInfo.InvariantCulture), arn, StringComparison.Ordinal);
            revisions[i] = arn;
        }

        return revisions;
    }

    private static Task VerifiedAsync(DeploymentTestBed bed, string arn, int minutesAgo) => RecordAsync(bed, arn, DeploymentOutcome.Verified, minutesAgo);

    private static async Task RecordAsync(DeploymentTestBed bed, string arn, DeploymentOutcome outcome, int minutesAgo)
    {
        var finished = bed.Time.GetUtcNow().AddMinutes(-minutesAgo);
        await bed.History.RecordAsync(new DeploymentRecord
        {
            Kind = DeploymentKind.Deploy,
            Environment = bed.Environment.Name,
            TaskDefinitionArn = arn,
            ImageDigest = DeploymentTestBed.DigestA,
            GitSha = DeploymentTestBed.GitSha,
            Actor = "tester",
            StartedAt = finished.AddMinutes(-2),
            FinishedAt = finished,
            Outcome = outcome,
        });
    }
}
