using System.Globalization;
using System.Text.Json.Nodes;
using AutoPR.Deployment;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.History;
using AutoPR.EndToEnd.Tests.Stack;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Operations;

/// <summary>
/// ./build.sh Cleanup on the tests' stack: revisions registered straight through the ECS API (copies of the running
/// one: cheaper than deployments, and as good to clean up), a previous verified release recorded in the history; a
/// dry run changes nothing; the real run deregisters every revision nobody needs and keeps the rest.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class CleanupTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task Cleanup_keeps_the_running_revision_the_rollback_target_and_the_newest_and_deregisters_the_rest_and_a_dry_run_changes_nothing()
    {
        var refused = await stack.RunAsync(output, "Cleanup", "--environment", "local", "--keep", "0");
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--keep must be at least 1", refused.AllText, StringComparison.Ordinal);

        var baseline = await stack.EnsureBaselineAsync(output);
        using var clients = await AwsClients.CreateAsync(stack.Environment);
        var ecs = clients.Ecs;
        var family = DeploymentRecord.FamilyOf(baseline.TaskDefinition);
        var registered = new List<string>();
        try
        {
            var running = await ecs.DescribeTaskDefinitionAsync(baseline.TaskDefinition);
            for (var i = 0; i < 4; i++)
            {
                registered.Add((await ecs.RegisterTaskDefinitionAsync(Registrable(running.Json))).Arn!);
            }

            var (rollbackTarget, older, oldest, newest) = (registered[0], registered[2], registered[1], registered[3]);
            // The copy becomes the previous verified release; the running revision is verified after it.
            var history = new DeploymentHistory(ecs);
            var now = DateTimeOffset.UtcNow;
            await history.RecordAsync(Verified(rollbackTarget, DeploymentKind.Deploy, now));
            await history.RecordAsync(Verified(baseline.TaskDefinition, DeploymentKind.Verify, now.AddSeconds(1)));
            var before = await ActiveAsync(ecs, family);

            var dryRun = await stack.RunAsync(output, "Cleanup", "--environment", "local", "--keep", "1", "--dry-run");

            Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
            Assert.Contains($"keep {Label(newest)}: one of the newest 1", dryRun.Output, StringComparison.Ordinal);
            Assert.Contains($"keep {Label(baseline.TaskDefinition)}: the service runs it, a task runs it, the last verified release", dryRun.Output, StringComparison.Ordinal);
            Assert.Contains($"keep {Label(rollbackTarget)}: Rollback would return to it", dryRun.Output, StringComparison.Ordinal);
            Assert.Contains($"would deregister {Label(older)}", dryRun.Output, StringComparison.Ordinal);
            Assert.Contains($"would deregister {Label(oldest)}", dryRun.Output, StringComparison.Ordinal);
            Assert.Contains("nothing was changed", dryRun.Output, StringComparison.Ordinal);
            Assert.Equal(before, await ActiveAsync(ecs, family));

            var cleaned = await stack.RunAsync(output, "Cleanup", "--environment", "local", "--keep", "1");

            Assert.True(cleaned.ExitCode == 0, cleaned.ToString());
            var kept = new[] { newest, baseline.TaskDefinition, rollbackTarget };
            Assert.Equal(kept.Order(StringComparer.Ordinal), await ActiveAsync(ecs, family));
            foreach (var gone in before.Except(kept))
            {
                Assert.Contains($"deregistered {Label(gone)}", cleaned.Output, StringComparison.Ordinal);
                Assert.Equal("INACTIVE", (await ecs.DescribeTaskDefinitionAsync(gone)).Status);
            }

            var service = await stack.ServiceAsync();
            Assert.Equal(baseline.TaskDefinition, service.TaskDefinition);
            Assert.True(service.IsSettled, "the service still runs its revision, settled");
        }
        finally
        {
            // The copies are this test's own: none stays behind as a verified release or the family's newest revision.
            foreach (var arn in registered)
            {
                await ecs.DeregisterTaskDefinitionAsync(arn);
            }
        }
    }

    private static string Label(string arn) => $"{DeploymentRecord.FamilyOf(arn)}:{DeploymentRecord.RevisionOf(arn).ToString(CultureInfo.InvariantCulture)}";

    private static async Task<IReadOnlyList<string>> ActiveAsync(EcsClient ecs, string family)
    {
        var arns = new List<string>();
        await foreach (var arn in ecs.ListTaskDefinitionsAsync(familyPrefix: family, status: "ACTIVE"))
        {
            if (DeploymentRecord.FamilyOf(arn) == family)
            {
                arns.Add(arn);
            }
        }

        return [.. arns.Order(StringComparer.Ordinal)];
    }

    /// <summary>A described task definition as a RegisterTaskDefinition request: without what ECS adds.</summary>
    private static JsonObject Registrable(JsonObject described)
    {
        var request = (JsonObject)described.DeepClone();
        foreach (var added in new[] { "taskDefinitionArn", "revision", "status", "registeredAt", "registeredBy", "deregisteredAt", "compatibilities", "requiresAttributes" })
        {
            request.Remove(added);
        }

        return request;
    }

    private static DeploymentRecord Verified(string arn, DeploymentKind kind, DateTimeOffset finished) => new()
    {
        Kind = kind,
        Environment = "local",
        TaskDefinitionArn = arn,
        Actor = "end-to-end",
        StartedAt = finished.AddSeconds(-30),
        FinishedAt = finished,
        Outcome = DeploymentOutcome.Verified,
    };
}
