using System.Globalization;
using System.Text.RegularExpressions;
using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Deployments;

/// <summary>One deployment per environment at a time.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class ConcurrentDeploymentTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task A_second_deployment_while_one_rolls_out_fails_at_once_naming_the_one_in_progress_and_changes_nothing()
    {
        // Another checkout has its own lock folder: only ECS itself can tell it a deployment is in progress. It deploys
        // to this stack on purpose, so it skips LocalUp (which refuses another checkout's LocalEcs as its own).
        using var otherCheckout = stack.CopyInputs("other-checkout");
        try
        {
            await stack.EnsureBaselineAsync(output);
            using var first = stack.Start(output, new Dictionary<string, string?>(),
                "DeployEcs", "--environment", "local", "--bake-window", LocalStackFixture.ShortBake,
                "--container-env", $"AUTOPR_E2E_RELEASE=first-{Guid.NewGuid():N}");
            var updated = await first.WaitForLineAsync("updated service autopr to autopr-local:", TimeSpan.FromMinutes(4));
            var firstRevision = int.Parse(Regex.Match(updated, @"autopr-local:(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

            var sameMachine = stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", LocalStackFixture.ShortBake);
            var elsewhere = stack.RunAsync(output, "DeployEcs", "--environment", "local", "--root", otherCheckout.Root, "--skip", "DockerBuild", "LocalUp",
                "--bake-window", LocalStackFixture.ShortBake);
            var refusals = await Task.WhenAll(sameMachine, elsewhere);
            Assert.False(first.HasExited, "the second deployments were refused only after the first had ended, not at once");

            var local = refusals[0];
            Assert.True(local.ExitCode == 1, local.ToString());
            var lockRefusal = local.FailureOf("DeployEcs");
            Assert.Contains("another deployment of local is running on this machine", lockRefusal, StringComparison.Ordinal);
            Assert.Contains($"pid {first.Id}", lockRefusal, StringComparison.Ordinal);
            Assert.Contains("nothing was changed", lockRefusal, StringComparison.Ordinal);

            var remote = refusals[1];
            Assert.True(remote.ExitCode == 1, remote.ToString());
            var ecsRefusal = remote.FailureOf("DeployEcs");
            Assert.Contains($"another deployment is in progress on local (service autopr): autopr-local:{firstRevision} (ecs-svc/", ecsRefusal, StringComparison.Ordinal);
            Assert.Contains("nothing was changed", ecsRefusal, StringComparison.Ordinal);

            foreach (var refused in refusals)
            {
                Assert.DoesNotContain("registered task definition", refused.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("updated service", refused.Output, StringComparison.Ordinal);
            }

            var firstRun = await first.WaitAsync(LocalStackFixture.Timeout);
            Assert.True(firstRun.ExitCode == 0, firstRun.ToString());
            var service = await stack.ServiceAsync();
            Assert.Equal(firstRevision, service.Revision);
            Assert.Single(service.Deployments);
        }
        finally
        {
            await stack.RestoreBaselineAsync(output);
        }
    }
}
