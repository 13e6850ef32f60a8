using System.Text.Json.Nodes;
using AutoPR.Deployment;
using AutoPR.EndToEnd.Tests.Stack;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Safety;

/// <summary>
/// `DeployEcs --dry-run --fail-on-drift` against LocalEcs: what the scheduled drift check runs. No drift right after a
/// deployment; a desired count changed out of band (as someone in the console would) is drift, exit code 3, with the
/// field in the diff; and the check itself changes nothing.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class DriftCheckTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task A_change_made_out_of_band_is_drift_with_exit_code_3_and_the_diff_and_nothing_changes()
    {
        var baseline = await stack.EnsureBaselineAsync(output);
        using var clients = await AwsClients.CreateAsync(stack.Environment);
        try
        {
            var clean = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--dry-run", "--fail-on-drift");

            Assert.True(clean.ExitCode == 0, clean.ToString());
            Assert.Contains($"local: no drift, service {stack.Environment.Service} runs", clean.Output, StringComparison.Ordinal);

            await clients.Ecs.UpdateServiceAsync(new JsonObject
            {
                ["cluster"] = stack.Environment.Cluster,
                ["service"] = stack.Environment.Service,
                ["desiredCount"] = baseline.DesiredCount + 1,
            });

            var drifted = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--dry-run", "--fail-on-drift");

            Assert.True(drifted.ExitCode == 3, drifted.ToString());
            Assert.Contains("desiredCount", drifted.Output, StringComparison.Ordinal);
            var after = await stack.ServiceAsync();
            Assert.Equal(baseline.DesiredCount + 1, after.DesiredCount);
            Assert.Equal(baseline.TaskDefinition, after.TaskDefinition);
        }
        finally
        {
            await clients.Ecs.UpdateServiceAsync(new JsonObject
            {
                ["cluster"] = stack.Environment.Cluster,
                ["service"] = stack.Environment.Service,
                ["desiredCount"] = baseline.DesiredCount,
            });
            await stack.Status.WaitUntilSettledAsync(stack.Environment.Cluster, stack.Environment.Service, TimeSpan.FromMinutes(1));
        }
    }
}
