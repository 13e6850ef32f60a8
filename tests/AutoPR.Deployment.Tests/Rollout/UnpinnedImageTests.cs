using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tests.Rollout.Fakes;
using AutoPR.Images;

namespace AutoPR.Deployment.Tests.Rollout;

/// <summary>
/// An image not pushed yet has no digest. A dry run still plans it (by tag); a deployment refuses it before any call,
/// because only pinned images run. And a dry-run context reads the history but never writes it.
/// </summary>
public sealed class UnpinnedImageTests
{
    private static readonly ImageReference ByTag = ImageReference.Unpinned("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "autopr", "main-0123456");

    [Fact]
    public async Task A_dry_run_plans_an_image_known_by_tag_only_and_changes_nothing()
    {
        using var bed = new DeploymentTestBed("production");
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        var log = new EventLog();

        var result = await bed.DeployAsync(Request(bed, dryRun: true), log);

        Assert.Equal(DeploymentStatus.DryRun, result.Status);
        Assert.Empty(bed.Ecs.MutatingCalls);
        var text = Assert.Single(log.Of<PlanReady>()).Plan.ToText();
        Assert.Contains("  image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/autopr:main-0123456\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_of_an_image_without_a_digest_is_refused_before_any_call()
    {
        using var bed = new DeploymentTestBed("production");
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => bed.DeployAsync(Request(bed, dryRun: false)));

        Assert.StartsWith($"{ByTag} is not pinned by digest, and a deployment runs only pinned images; nothing was changed; fix: push it first (PushEcr)", error.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Ecs.Operations);
    }

    [Fact]
    public async Task A_dry_run_context_records_nothing()
    {
        using var bed = new DeploymentTestBed("production");
        var arn = await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        var dryRun = new DeploymentContext(bed.Environment, bed.Client, bed.History, new DeploymentContextOptions { Time = bed.Time, LockDirectory = bed.LockDirectory, DryRun = true });

        await dryRun.Recorder.RecordAsync(
            new RecordRequest { Kind = DeploymentKind.Verify, TaskDefinitionArn = arn, Actor = "tester", StartedAt = bed.Time.GetUtcNow(), Outcome = DeploymentOutcome.Verified },
            progress: null,
            CancellationToken.None);

        Assert.Empty(bed.Ecs.Operations);
        Assert.Single(bed.History.ReadMirror("production"));
        Assert.Null(dryRun.Lock("tester"));
    }

    private static DeployRequest Request(DeploymentTestBed bed, bool dryRun) => new()
    {
        Rendered = bed.Templates.Render(bed.Environment, DeploymentTestBed.Release(DeploymentTestBed.DigestA) with { Image = ByTag }),
        Actor = "tester",
        Confirmed = true,
        DryRun = dryRun,
    };
}
