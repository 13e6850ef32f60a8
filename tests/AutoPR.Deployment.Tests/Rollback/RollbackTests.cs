using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollback;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.Deployment.Tests.Rollout.Fakes;
using AutoPR.Deployment.Tests.Verification;
using AutoPR.Deployment.Verification;

namespace AutoPR.Deployment.Tests.Rollback;

public sealed class RollbackTests
{
    private const string ShaB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    [Fact]
    public async Task A_deployment_in_progress_is_stopped_with_ROLLBACK_and_the_previous_revision_verified()
    {
        using var setup = new Setup();
        var (old, deployment) = await setup.VerifiedThenHangingAsync();
        setup.Bed.Ecs.ClearCalls();
        var log = new EventLog();

        var result = await setup.AutoAsync(deployment, log);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(RollbackMethod.StopServiceDeployment, result.Method);
        Assert.Equal(old, result.ToTaskDefinitionArn);
        Assert.Equal(deployment.TaskDefinitionArn, result.FromTaskDefinitionArn);
        var stop = BedCall(setup, "StopServiceDeployment");
        Assert.Equal(deployment.ServiceDeploymentArn, stop["serviceDeploymentArn"]!.GetValue<string>());
        Assert.Equal("ROLLBACK", stop["stopType"]!.GetValue<string>());
        Assert.DoesNotContain("UpdateService", setup.Bed.Ecs.Operations);
        Assert.True(result.Verification!.Passed);
        Assert.Equal("ROLLBACK_SUCCESSFUL", result.Rollout!.Status);
        var started = Assert.Single(log.Of<RollbackStarted>());
        Assert.Contains("rolling back from autopr-production:2 to autopr-production:1 (StopServiceDeployment ROLLBACK): ", started.Message, StringComparison.Ordinal);
        Assert.Contains("did not finish within 5 s", started.Reason, StringComparison.Ordinal);
        Assert.Empty(setup.Bed.Ecs.ModelProblems);
        var records = await setup.Bed.History.ReadAsync(setup.Bed.Family, "production");
        Assert.Contains(records, r => r.Kind == DeploymentKind.Rollback && r.Outcome == DeploymentOutcome.Verified && r.TaskDefinitionArn == old);
    }

    [Fact]
    public async Task After_a_completed_deployment_fails_verification_the_last_verified_revision_is_redeployed()
    {
        using var setup = new Setup();
        var old = await setup.Bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        var deployment = await setup.Bed.DeployAsync(setup.Bed.Request(DeploymentTestBed.DigestB, ShaB));
        Assert.Equal(DeploymentStatus.Succeeded, deployment.Status);
        setup.Bed.Ecs.ClearCalls();

        var result = await setup.AutoAsync(deployment, new EventLog());

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(RollbackMethod.Redeploy, result.Method);
        Assert.Equal(old, result.ToTaskDefinitionArn);
        Assert.Equal(old, BedCall(setup, "UpdateService")["taskDefinition"]!.GetValue<string>());
        Assert.DoesNotContain("StopServiceDeployment", setup.Bed.Ecs.Operations);
        Assert.DoesNotContain("RegisterTaskDefinition", setup.Bed.Ecs.Operations);
        Assert.Equal(old, setup.Bed.Ecs.Service("autopr").TaskDefinition);
        Assert.StartsWith("production: rolled back to autopr-production:1 (redeployed, verified) in ", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_ECS_already_rolled_back_the_rollback_verifies_what_runs()
    {
        using var setup = new Setup();
        var old = await setup.Bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        setup.Bed.Ecs.NextRollout = RolloutScript.CircuitBreakerRollback();
        var deployment = await setup.Bed.DeployAsync(setup.Bed.Request(DeploymentTestBed.DigestB, ShaB));
        setup.Bed.Ecs.ClearCalls();

        var result = await setup.AutoAsync(deployment, new EventLog());

        Assert.Equal(RollbackMethod.AlreadyRunning, result.Method);
        Assert.Equal(old, result.ToTaskDefinitionArn);
        Assert.True(result.Succeeded);
        Assert.DoesNotContain(setup.Bed.Ecs.MutatingCalls, o => o != "TagResource");
    }

    [Fact]
    public async Task A_rollback_reports_its_own_progress_and_not_the_tasks_that_stopped_before_it()
    {
        using var setup = new Setup();
        var old = await setup.Bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        setup.Bed.Ecs.NextRollout = RolloutScript.CircuitBreakerRollback();
        await setup.Bed.DeployAsync(setup.Bed.Request(DeploymentTestBed.DigestB, ShaB));
        setup.Bed.Ecs.NextRollout = RolloutScript.Hang();
        var hanging = await setup.Bed.DeployAsync(setup.Bed.Request("sha256:" + new string('c', 64), new string('c', 40)) with { Timeout = TimeSpan.FromSeconds(5) });
        var log = new EventLog();

        var result = await setup.AutoAsync(hanging, log);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(old, result.ToTaskDefinitionArn);
        Assert.Empty(log.Of<TaskStopped>());
        Assert.Empty(log.Of<RollbackObserved>());
        Assert.Contains(log.Of<RolloutProgressed>(), p => p.Message.StartsWith("ROLLBACK_IN_PROGRESS", StringComparison.Ordinal) && p.Message.Contains("back to autopr-production:1 3/3 running, traffic 100%", StringComparison.Ordinal));
        Assert.Equal("rollback succeeded", log.Of<RolloutFinished>().Single().Message);
    }

    [Fact]
    public async Task A_rollback_to_an_image_prefers_the_running_then_the_verified_revision_that_runs_it()
    {
        using var setup = new Setup();
        var verified = await setup.Bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        var other = await setup.DeployVerifiedAsync(DeploymentTestBed.DigestB, ShaB);
        // A newer revision of the same image (another configuration) that never verified.
        using var changed = new DeploymentTestBed(change: e => e with { DesiredCount = 4 });
        var unverified = setup.Bed.Ecs.Seed(changed.Templates.Render(changed.Environment, DeploymentTestBed.Release(DeploymentTestBed.DigestA)).RegisterTaskDefinitionRequest());

        var toImage = await setup.ManualAsync(RollbackTarget.ToImage(DeploymentTestBed.DigestA));
        var again = await setup.ManualAsync(RollbackTarget.ToImage(DeploymentTestBed.DigestA));

        Assert.NotEqual(verified, unverified);
        Assert.Equal(other, toImage.FromTaskDefinitionArn);
        Assert.Equal(verified, toImage.ToTaskDefinitionArn);
        Assert.Equal(RollbackMethod.AlreadyRunning, again.Method);
        Assert.Equal(verified, again.ToTaskDefinitionArn);
    }

    [Fact]
    public async Task Without_a_verified_revision_there_is_nothing_to_roll_back_to()
    {
        using var setup = new Setup();
        var deployment = await setup.Bed.DeployAsync(setup.Bed.Request(DeploymentTestBed.DigestA));
        setup.Bed.Ecs.ClearCalls();

        var error = await Assert.ThrowsAsync<DeploymentRefusedException>(() => setup.AutoAsync(deployment, null));

        Assert.Equal(RefusalReason.NoRollbackTarget, error.Reason);
        Assert.StartsWith("no verified revision of autopr-production other than autopr-production:1 in the history of production; cannot roll back after: ", error.Message, StringComparison.Ordinal);
        Assert.Empty(setup.Bed.Ecs.MutatingCalls);
    }

    [Fact]
    public async Task A_manual_rollback_goes_to_the_previous_verified_deployment()
    {
        using var setup = new Setup();
        var first = await setup.Bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        var second = await setup.DeployVerifiedAsync(DeploymentTestBed.DigestB, ShaB);

        var result = await setup.ManualAsync(RollbackTarget.Previous);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(second, result.FromTaskDefinitionArn);
        Assert.Equal(first, result.ToTaskDefinitionArn);
        var records = await setup.Bed.History.ReadAsync(setup.Bed.Family, "production");
        Assert.Equal(DeploymentKind.Rollback, records[0].Kind);
        Assert.Equal("manual rollback to the previous verified deployment by tester", records.First(r => r.Outcome == DeploymentOutcome.Deployed && r.Kind == DeploymentKind.Rollback).Reason);
    }

    [Fact]
    public async Task A_manual_rollback_while_ECS_already_rolls_back_follows_that_rollback_instead_of_reversing_it()
    {
        // An automated rollback asked ECS to roll back, then Ctrl-C stopped the tool; the operator rolls back by hand.
        using var setup = new Setup();
        var (old, deployment) = await setup.VerifiedThenHangingAsync();
        await setup.Bed.Client.StopServiceDeploymentAsync(deployment.ServiceDeploymentArn!);
        setup.Bed.Ecs.ClearCalls();
        var log = new EventLog();

        var result = await setup.ManualAsync(RollbackTarget.Previous, DeploymentTestBed.GitSha, log);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(RollbackMethod.StopServiceDeployment, result.Method);
        Assert.Equal(deployment.TaskDefinitionArn, result.FromTaskDefinitionArn);
        Assert.Equal(old, result.ToTaskDefinitionArn);
        Assert.DoesNotContain("StopServiceDeployment", setup.Bed.Ecs.Operations);
        Assert.DoesNotContain("UpdateService", setup.Bed.Ecs.Operations);
        var started = Assert.Single(log.Of<RollbackStarted>());
        Assert.StartsWith("rolling back from autopr-production:2 to autopr-production:1 (StopServiceDeployment ROLLBACK)", started.Message, StringComparison.Ordinal);
        Assert.Contains(log.Of<RolloutProgressed>(), p => p.Message.Contains("back to autopr-production:1", StringComparison.Ordinal));
        Assert.Equal(old, setup.Bed.Ecs.Service("autopr").TaskDefinition);
        Assert.True(result.Verification!.Passed);
        Assert.Empty(setup.Bed.Ecs.ModelProblems);
    }

    [Fact]
    public async Task Without_the_service_revisions_a_rollback_takes_the_direction_from_the_service()
    {
        using var setup = new Setup();
        var (old, deployment) = await setup.VerifiedThenHangingAsync();
        setup.Bed.Ecs.Fail("DescribeServiceRevisions", new FakeAwsException("AccessDeniedException", "not authorized to perform: ecs:DescribeServiceRevisions"));
        var log = new EventLog();

        var result = await setup.AutoAsync(deployment, log);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(old, result.ToTaskDefinitionArn);
        Assert.StartsWith("rolling back from autopr-production:2 to autopr-production:1 ", Assert.Single(log.Of<RollbackStarted>()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manual_rollback_goes_to_a_named_revision_or_image()
    {
        using var setup = new Setup();
        var first = await setup.Bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        var second = await setup.DeployVerifiedAsync(DeploymentTestBed.DigestB, ShaB);
        var third = await setup.DeployVerifiedAsync("sha256:" + new string('c', 64), new string('c', 40));

        var toRevision = await setup.ManualAsync(RollbackTarget.ToRevision(1));
        var toDigest = await setup.ManualAsync(RollbackTarget.ToImage(DeploymentTestBed.DigestB));
        var toTag = await setup.ManualAsync(RollbackTarget.ToImage("main-ccccccc"));

        Assert.Equal(first, toRevision.ToTaskDefinitionArn);
        Assert.Equal(second, toDigest.ToTaskDefinitionArn);
        Assert.Equal(third, toTag.ToTaskDefinitionArn);
        Assert.All([toRevision, toDigest, toTag], r => Assert.True(r.Succeeded, r.Summary));
        Assert.Equal(third, setup.Bed.Ecs.Service("autopr").TaskDefinition);
    }

    [Fact]
    public async Task Rollback_targets_that_do_not_exist_are_refused_without_mutating_calls()
    {
        using var setup = new Setup();
        await setup.Bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);

        var revision = await Assert.ThrowsAsync<DeploymentRefusedException>(() => setup.ManualAsync(RollbackTarget.ToRevision(7)));
        var image = await Assert.ThrowsAsync<DeploymentRefusedException>(() => setup.ManualAsync(RollbackTarget.ToImage("v9.9.9")));
        var previous = await Assert.ThrowsAsync<DeploymentRefusedException>(() => setup.ManualAsync(RollbackTarget.Previous));

        Assert.StartsWith("task definition autopr-production:7 does not exist (Unable to describe task definition.); nothing was changed; fix: pick a revision from the history", revision.Message, StringComparison.Ordinal);
        Assert.StartsWith("none of the newest 1 revisions of autopr-production runs image v9.9.9; nothing was changed", image.Message, StringComparison.Ordinal);
        Assert.StartsWith("no verified deployment of production other than the running autopr-production:1 in the history; nothing was changed", previous.Message, StringComparison.Ordinal);
        Assert.Empty(setup.Bed.Ecs.MutatingCalls);
    }

    [Fact]
    public async Task A_manual_rollback_of_an_environment_that_requires_approval_needs_confirmation()
    {
        using var setup = new Setup();
        await setup.Bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);

        var error = await Assert.ThrowsAsync<DeploymentRefusedException>(() => setup.Rollback.RollBackAsync(new RollbackRequest
        {
            Actor = "tester",
            Target = RollbackTarget.ToRevision(1),
        }));

        Assert.Equal(RefusalReason.ApprovalRequired, error.Reason);
        Assert.StartsWith("environment production requires approval and this request to roll back it was not confirmed", error.Message, StringComparison.Ordinal);
        Assert.Empty(setup.Bed.Ecs.Operations);
    }

    private static System.Text.Json.Nodes.JsonObject BedCall(Setup setup, string operation) =>
        setup.Bed.Ecs.Calls.Single(c => c.Operation == operation).Request;

    private sealed class Setup : IDisposable
    {
        private readonly HttpClient _http;
        private readonly FakeServiceEndpoint _endpoint = new();

        public Setup()
        {
            Bed = new DeploymentTestBed();
            _http = new HttpClient(_endpoint);
            var metrics = new FakeLoadBalancerMetrics(Bed.Time);
            Bed.Ecs.MetricData = metrics.Answer;
            Verifier = new Verifier(Bed.Client, Bed.CloudWatch, _http, Bed.Context);
            Rollback = new EcsRollback(Bed.Client, Bed.Deployer, Bed.Context, Verifier);
        }

        public DeploymentTestBed Bed { get; }

        public Verifier Verifier { get; }

        public EcsRollback Rollback { get; }

        public Task<RollbackResult> AutoAsync(DeploymentResult failed, IProgress<DeploymentEvent>? progress)
        {
            _endpoint.Revision = DeploymentTestBed.GitSha;
            return Bed.Time.DriveAsync(Rollback.RollBackAfterFailureAsync(new AutoRollbackRequest
            {
                Actor = "tester",
                Cause = failed.Reason ?? "verification failed: error-rate",
                FailedTaskDefinitionArn = failed.TaskDefinitionArn,
            }, progress));
        }

        public async Task<RollbackResult> ManualAsync(RollbackTarget target)
        {
            var arn = await Rollback.ResolveAsync(target).ConfigureAwait(false);
            var definition = await Bed.Client.DescribeTaskDefinitionAsync(arn).ConfigureAwait(false);
            return await ManualAsync(target, TaskDefinitionFacts.From(definition.Json).GitSha!, progress: null);
        }

        /// <summary>A manual rollback, the service answering /version with <paramref name="servedGitSha"/>.</summary>
        public Task<RollbackResult> ManualAsync(RollbackTarget target, string servedGitSha, IProgress<DeploymentEvent>? progress)
        {
            _endpoint.Revision = servedGitSha;
            return Bed.Time.DriveAsync(Rollback.RollBackAsync(new RollbackRequest { Actor = "tester", Confirmed = true, Target = target }, progress));
        }

        /// <summary>A verified revision, then a deployment of the next one that ECS never finishes (the watch gives up after 5 s).</summary>
        public async Task<(string Verified, DeploymentResult Hanging)> VerifiedThenHangingAsync()
        {
            var verified = await Bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
            Bed.Ecs.NextRollout = RolloutScript.Hang();
            var hanging = await Bed.DeployAsync(Bed.Request(DeploymentTestBed.DigestB, ShaB) with { Timeout = TimeSpan.FromSeconds(5) });
            return (verified, hanging);
        }

        /// <summary>Deploys and verifies a release (the way DeployEcs then Verify would).</summary>
        public async Task<string> DeployVerifiedAsync(string digest, string gitSha)
        {
            var result = await Bed.DeployAsync(Bed.Request(digest, gitSha));
            Assert.Equal(DeploymentStatus.Succeeded, result.Status);
            _endpoint.Revision = gitSha;
            var report = await Bed.Time.DriveAsync(Verifier.VerifyAsync(new VerifyRequest
            {
                TaskDefinitionArn = result.TaskDefinitionArn,
                BakeWindow = TimeSpan.FromSeconds(5),
                RecordAs = DeploymentKind.Deploy,
                Actor = "tester",
            }));
            Assert.True(report.Passed, report.ToText());
            Bed.Time.Advance(TimeSpan.FromMinutes(1));
            Bed.Ecs.ClearCalls();
            return result.TaskDefinitionArn!;
        }

        public void Dispose()
        {
            _http.Dispose();
            Bed.Dispose();
        }
    }
}
