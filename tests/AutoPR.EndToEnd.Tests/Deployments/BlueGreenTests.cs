using System.Net;
using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Deployments;

/// <summary>
/// Blue/green on the local stack: a copy of the local environment with deployment.strategy BLUE_GREEN (and the
/// alternate target group, listener rule and role BLUE_GREEN requires), run with --root on a scratch copy of the
/// build inputs. The same service switches to blue/green and back, as a team changing the strategy in its
/// environment file would: no second service, whose listener port would depend on the order LocalEcs saw services in.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class BlueGreenTests(LocalStackFixture stack, ITestOutputHelper output)
{
    private const string GreenTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr-local-green/0123456789abcdf0";

    [Fact]
    public async Task A_rollback_during_the_bake_time_shifts_traffic_back_to_the_blue_tasks_at_once()
    {
        using var blueGreen = new BuildInputsCopy("bluegreen");
        blueGreen.EditEnvironment("local", json =>
        {
            json["deployment"]!["strategy"] = "BLUE_GREEN";
            json["deployment"]!["bakeTimeMinutes"] = 2; // one minute at the suite's time scale: time to look and roll back
            var loadBalancer = json["loadBalancer"]!;
            loadBalancer["alternateTargetGroupArn"] = GreenTargetGroup;
            loadBalancer["productionListenerRuleArn"] = "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/autopr-local/0123456789abcdef/0123456789abcdef/0123456789abcdef";
            loadBalancer["roleArn"] = "arn:aws:iam::000000000000:role/autopr-local-ecs-infrastructure";
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await stack.RestoreBaselineAsync(output);
            var blue = await stack.ServiceAsync();
            var blueTasks = blue.RunningTasks.Select(t => t.Id).Order().ToList();

            // Green answers every request with 500 but is healthy: ECS shifts traffic to it and bakes.
            using var deploy = stack.Start(output, new Dictionary<string, string?>(),
                "DeployEcs", "--environment", "local", "--root", blueGreen.Root, "--skip", "DockerBuild",
                "--bake-window", LocalStackFixture.ShortBake, "--container-env", "AUTOPR_FAULT_ERROR_RATE=1");
            await deploy.WaitForLineAsync("IN_PROGRESS BAKE_TIME", TimeSpan.FromMinutes(4));
            var baking = await stack.ServiceAsync();
            Assert.Equal(GreenTargetGroup, baking.ProductionTargetGroup);
            Assert.Subset(baking.RunningTasks.Select(t => t.Id).ToHashSet(), blueTasks.ToHashSet());
            using (var green = await http.GetAsync(stack.Listener))
            {
                Assert.Equal(HttpStatusCode.InternalServerError, green.StatusCode);
            }

            // The operator stops watching (Ctrl-C leaves ECS as it is) and rolls back.
            deploy.Interrupt();
            var interrupted = await deploy.WaitAsync(LocalStackFixture.Timeout);
            Assert.True(interrupted.ExitCode == 130, interrupted.ToString());
            var rollback = await stack.RunAsync(output, "Rollback", "--environment", "local", "--root", blueGreen.Root);

            Assert.True(rollback.ExitCode == 0, rollback.ToString());
            Assert.Contains($"to autopr-local:{stack.BaselineRevision} (StopServiceDeployment ROLLBACK)", rollback.Output, StringComparison.Ordinal);
            Assert.Contains($"shifted production traffic back to (target-group {blue.ProductionTargetGroup})", rollback.Output, StringComparison.Ordinal);
            Assert.Contains($"local: rolled back to autopr-local:{stack.BaselineRevision} (stopped the deployment with ROLLBACK, verified)", rollback.Output, StringComparison.Ordinal);

            // Instant: the blue tasks never stopped and serve again; no task was started for the rollback.
            var after = await stack.ServiceAsync();
            Assert.Equal(blue.ProductionTargetGroup, after.ProductionTargetGroup);
            Assert.Equal(stack.BaselineTaskDefinition, after.TaskDefinition);
            Assert.Equal(blueTasks, after.RunningTasks.Select(t => t.Id).Order().ToList());
            for (var i = 0; i < 10; i++)
            {
                using var answer = await http.GetAsync(stack.Listener);
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }
        }
        finally
        {
            // Back to ROLLING with the repository's own environment file.
            await stack.RestoreBaselineAsync(output);
        }
    }
}
