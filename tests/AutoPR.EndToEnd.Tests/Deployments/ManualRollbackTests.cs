using System.Globalization;
using AutoPR.EndToEnd.Tests.Stack;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Deployments;

/// <summary>./build.sh Rollback --environment local [--to-revision N].</summary>
[Collection(LocalStackCollection.Name)]
public sealed class ManualRollbackTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task Rollback_returns_to_the_previous_verified_deployment_and_to_a_named_revision()
    {
        try
        {
            // The baseline becomes the newest verified deployment, then a second release is verified on top of it.
            var baseline = await stack.RestoreBaselineAsync(output);
            var deployed = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", LocalStackFixture.ShortBake,
                "--container-env", $"AUTOPR_E2E_RELEASE=second-{Guid.NewGuid():N}");
            Assert.True(deployed.ExitCode == 0, deployed.ToString());
            var second = (await stack.ServiceAsync()).Revision;
            Assert.NotEqual(baseline.Revision, second);

            var previous = await stack.RunAsync(output, "Rollback", "--environment", "local");

            Assert.True(previous.ExitCode == 0, previous.ToString());
            Assert.Contains($"rolling back from autopr-local:{second} to autopr-local:{baseline.Revision}", previous.Output, StringComparison.Ordinal);
            Assert.Matches($@"local: rolled back to autopr-local:{baseline.Revision} \(.*verified\)", previous.Output);
            await stack.AssertBackOnAsync(baseline, previous);

            var named = await stack.RunAsync(output, "Rollback", "--environment", "local", "--to-revision", second.ToString(CultureInfo.InvariantCulture));

            Assert.True(named.ExitCode == 0, named.ToString());
            Assert.Contains($"rolling back from autopr-local:{baseline.Revision} to autopr-local:{second}", named.Output, StringComparison.Ordinal);
            var service = await stack.ServiceAsync();
            Assert.Equal(second, service.Revision);
            Assert.Equal(service.DesiredCount, service.RunningTasks.Count);
            Assert.All(service.RunningTasks, task => Assert.Equal(service.TaskDefinition, task.TaskDefinition));

            var history = await stack.RunAsync(output, "History", "--environment", "local");
            Assert.True(history.ExitCode == 0, history.ToString());
            Assert.Matches($@"Rollback\s+Verified\s+{baseline.Revision}\s", history.Output);
            Assert.Matches($@"Rollback\s+Verified\s+{second}\s", history.Output);
        }
        finally
        {
            await stack.RestoreBaselineAsync(output);
        }
    }

    [Fact]
    public async Task Rollback_to_a_revision_that_does_not_exist_changes_nothing_and_says_where_to_look()
    {
        var before = await stack.ServiceAsync();

        var run = await stack.RunAsync(output, "Rollback", "--environment", "local", "--to-revision", "99999");

        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = run.FailureOf("Rollback");
        Assert.Contains("autopr-local:99999 does not exist", failure, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", failure, StringComparison.Ordinal);
        var after = await stack.ServiceAsync();
        Assert.Equal(before.TaskDefinition, after.TaskDefinition);
        Assert.Equal(before.Deployments.Select(d => d.Id), after.Deployments.Select(d => d.Id));
    }
}
