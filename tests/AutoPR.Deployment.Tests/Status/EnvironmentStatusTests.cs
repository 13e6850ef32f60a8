using System.Text.Json.Nodes;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Status;
using AutoPR.Deployment.Tests.Rollout.Fakes;

namespace AutoPR.Deployment.Tests.Status;

/// <summary>What Status reads and prints, on the in-memory ECS behind the real client.</summary>
public sealed class EnvironmentStatusTests
{
    [Fact]
    public async Task A_steady_service_shows_its_revision_its_healthy_tasks_the_latest_events_and_the_last_verified_release()
    {
        using var bed = new DeploymentTestBed();
        var running = await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        for (var i = 1; i <= 7; i++)
        {
            bed.Ecs.AddEvent(bed.Environment.Service, $"(service autopr) event {i}");
        }

        var status = await Reader(bed).ReadAsync(bed.Environment, bed.Family);

        Assert.True(status.ServiceExists);
        Assert.Equal(running, status.TaskDefinitionArn);
        Assert.Equal("BLUE_GREEN", status.Strategy);
        var revision = Assert.Single(status.Revisions);
        Assert.Equal(("PRIMARY", "COMPLETED"), (revision.DeploymentStatus, revision.RolloutState));
        Assert.Equal(status.DesiredCount, revision.Tasks.Count);
        Assert.All(revision.Tasks, t => Assert.Equal(("RUNNING", "HEALTHY"), (t.LastStatus, t.HealthStatus)));
        Assert.Equal(["(service autopr) event 7", "(service autopr) event 6", "(service autopr) event 5", "(service autopr) event 4", "(service autopr) event 3"],
            status.Events.Select(e => e.Message));
        Assert.Equal(running, status.LastVerified?.TaskDefinitionArn);
        Assert.Null(status.RollbackTarget);
        Assert.Equal("SUCCESSFUL", status.CurrentDeployment?.Status);
        Assert.Equal(running, status.CurrentDeployment?.TargetTaskDefinitionArn);

        var text = EnvironmentStatusFormatter.ToText(status);
        Assert.StartsWith($"production: service autopr (autopr-production) ACTIVE, runs autopr-production:1; {status.DesiredCount}/{status.DesiredCount} running, 0 pending\n", text, StringComparison.Ordinal);
        Assert.Contains("  PRIMARY autopr-production:1 COMPLETED, ", text, StringComparison.Ordinal);
        Assert.Matches(@"\n    task [0-9a-f]{32} RUNNING HEALTHY, started 2026-01-15 \d\d:\d\d:\d\dZ, 10\.0\.1\.10\n", text);
        Assert.Contains("\n  2026-01-15 12:00:00Z (service autopr) event 7\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("event 2", text, StringComparison.Ordinal);
        Assert.Contains("last verified: autopr-production:1 (Deploy, image sha256:aaaaaaaaaaaa, git 0123456, by seed, 2026-01-15 11:55:00Z)", text, StringComparison.Ordinal);
        Assert.Contains("Rollback would return to: nothing (no other verified release in the history)", text, StringComparison.Ordinal);
        Assert.Empty(bed.Ecs.MutatingCalls);
        Assert.Empty(bed.Ecs.ModelProblems);
    }

    [Fact]
    public async Task A_traffic_shift_in_progress_shows_both_revisions_with_their_share_of_traffic_and_tasks()
    {
        using var bed = new DeploymentTestBed();
        var blue = await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        var green = bed.Ecs.Seed(bed.Render(DeploymentTestBed.DigestB).RegisterTaskDefinitionRequest());
        bed.Ecs.NextRollout = RolloutScript.Hang();
        await bed.Client.UpdateServiceAsync(new JsonObject { ["cluster"] = bed.Environment.Cluster, ["service"] = bed.Environment.Service, ["taskDefinition"] = green });
        await bed.Client.DescribeServiceAsync(bed.Environment.Cluster, bed.Environment.Service);
        var rollout = bed.Ecs.Service(bed.Environment.Service).Rollouts[0];
        rollout.Stage = "PRODUCTION_TRAFFIC_SHIFT";
        rollout.ProductionTrafficWeight = 10;

        var status = await Reader(bed).ReadAsync(bed.Environment, bed.Family);

        Assert.Equal(green, status.TaskDefinitionArn);
        Assert.Equal(("IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT", green), (status.CurrentDeployment?.Status, status.CurrentDeployment?.LifecycleStage, status.CurrentDeployment?.TargetTaskDefinitionArn));
        Assert.Equal([blue], status.CurrentDeployment!.SourceTaskDefinitionArns);
        Assert.Equal([(green, "PRIMARY", 10.0, 1), (blue, "ACTIVE", 90.0, status.DesiredCount)],
            status.Revisions.Select(r => (r.TaskDefinitionArn, r.DeploymentStatus!, r.ProductionTrafficPercent!.Value, r.Tasks.Count)));
        // The running revision is no rollback target: the previous verified release is the one being replaced.
        Assert.Equal(blue, status.RollbackTarget?.TaskDefinitionArn);

        var text = EnvironmentStatusFormatter.ToText(status);
        Assert.Contains("strategy BLUE_GREEN; deployment IN_PROGRESS at PRODUCTION_TRAFFIC_SHIFT autopr-production:1 -> autopr-production:2, started 2026-01-15 12:00:00Z", text, StringComparison.Ordinal);
        Assert.Contains("  PRIMARY autopr-production:2 IN_PROGRESS, 1/", text, StringComparison.Ordinal);
        Assert.Contains(" running, traffic 10 % (test 100 %)\n", text, StringComparison.Ordinal);
        Assert.Contains("  ACTIVE autopr-production:1 COMPLETED, ", text, StringComparison.Ordinal);
        Assert.Contains(" running, traffic 90 % (test 0 %)\n", text, StringComparison.Ordinal);

        var markdown = EnvironmentStatusFormatter.ToMarkdown(status);
        Assert.StartsWith("### Status: production\n\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Revision | Deployment | Rollout | Running | Pending | Failed | Traffic |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| autopr-production:2 | PRIMARY | IN_PROGRESS | 1/", markdown, StringComparison.Ordinal);
        Assert.Contains(" | 10 % (test 100 %) |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Task | Revision | Status | Health | Started (UTC) | Address |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Last verified: autopr-production:1 (Deploy", markdown, StringComparison.Ordinal);
        Assert.Empty(bed.Ecs.ModelProblems);
    }

    [Fact]
    public async Task A_service_that_does_not_exist_is_one_line_with_the_fix_and_the_history_still_read()
    {
        using var bed = new DeploymentTestBed();
        var arn = bed.Ecs.Seed(bed.Render(DeploymentTestBed.DigestA).RegisterTaskDefinitionRequest());
        await bed.History.RecordAsync(new DeploymentRecord
        {
            Kind = DeploymentKind.Deploy, Environment = "production", TaskDefinitionArn = arn, Actor = "ci",
            StartedAt = bed.Time.GetUtcNow().AddHours(-1), FinishedAt = bed.Time.GetUtcNow().AddMinutes(-50), Outcome = DeploymentOutcome.Verified,
        });

        var status = await Reader(bed).ReadAsync(bed.Environment, bed.Family);

        Assert.False(status.ServiceExists);
        Assert.Empty(status.Revisions);
        Assert.Equal(arn, status.LastVerified?.TaskDefinitionArn);
        Assert.Equal("production: service autopr does not exist in cluster autopr-production; nothing runs there; fix: deploy it first (./build.sh DeployEcs --environment production)", status.Summary);
        Assert.DoesNotContain('\n', status.Summary);
    }

    [Fact]
    public async Task Markdown_cells_cannot_break_the_tables()
    {
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        bed.Ecs.AddEvent(bed.Environment.Service, "a | pipe\nand a new line");

        var markdown = EnvironmentStatusFormatter.ToMarkdown(await Reader(bed).ReadAsync(bed.Environment, bed.Family));

        Assert.Contains("- 2026-01-15 12:00:00Z a \\| pipe and a new line\n", markdown, StringComparison.Ordinal);
    }

    private static EnvironmentStatusReader Reader(DeploymentTestBed bed) => new(bed.Client, bed.History);
}
