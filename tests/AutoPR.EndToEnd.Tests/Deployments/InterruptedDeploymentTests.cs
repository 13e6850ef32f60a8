using System.Globalization;
using System.Text.RegularExpressions;
using AutoPR.EndToEnd.Tests.Stack;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Deployments;

/// <summary>Ctrl-C during a deployment leaves ECS rolling out; running the same command again converges.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class InterruptedDeploymentTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task A_deployment_interrupted_with_ctrl_c_is_resumed_by_running_it_again()
    {
        await stack.EnsureBaselineAsync(output);
        string[] deploy = ["DeployEcs", "--environment", "local", "--bake-window", LocalStackFixture.ShortBake,
            "--container-env", $"AUTOPR_E2E_RELEASE=resumed-{Guid.NewGuid():N}"];
        try
        {
            int revision;
            using (var first = stack.Start(output, new Dictionary<string, string?>(), deploy))
            {
                var updated = await first.WaitForLineAsync("updated service autopr to autopr-local:", TimeSpan.FromMinutes(4));
                revision = int.Parse(Regex.Match(updated, @"autopr-local:(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
                first.Interrupt();
                var interrupted = await first.WaitAsync(LocalStackFixture.Timeout);
                Assert.True(interrupted.ExitCode == 130, interrupted.ToString());
            }

            var again = await stack.RunAsync(output, deploy);

            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.DoesNotContain("registered task definition", again.Output, StringComparison.Ordinal);
            Assert.Matches($@"a deployment of autopr-local:{revision} is already in progress \(.+\): watching it|no changes, autopr-local:{revision} already runs", again.Output);
            Assert.Contains($"Verification of local (autopr-local:{revision}, revision {stack.ExpectedRevision}): PASSED", again.Output, StringComparison.Ordinal);
            var service = await stack.ServiceAsync();
            Assert.Equal(revision, service.Revision);
            Assert.Single(service.Deployments);
        }
        finally
        {
            await stack.RestoreBaselineAsync(output);
        }
    }
}
