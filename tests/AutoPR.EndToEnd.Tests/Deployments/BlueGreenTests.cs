using System.Net;
using System.Text.Json.Nodes;
using AutoPR.Deployment;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Environments;
using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Deployments;

/// <summary>
/// Blue/green on the local stack, on a service of its own: a copy of the local environment (run with --root on a
/// scratch copy of the build inputs) naming service autopr-bluegreen, deployment.strategy BLUE_GREEN with a bake
/// time, its own blue and green target groups, and the listener LocalEcs gives that service. Its own service keeps
/// the blue/green settings away from the service the other tests deploy (switching a service back to ROLLING
/// leaves ECS's bakeTimeInMinutes behind, which the deployer's diff does not ignore yet).
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class BlueGreenTests(LocalStackFixture stack, ITestOutputHelper output)
{
    private const string Service = "autopr-bluegreen";
    private const string Blue = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr-bluegreen-blue/0123456789abcdef";
    private const string Green = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr-bluegreen-green/0123456789abcdef";

    [Fact]
    public async Task A_rollback_during_the_bake_time_shifts_traffic_back_to_the_blue_tasks_at_once()
    {
        var cluster = stack.Environment.Cluster;
        var listener = await stack.Status.ListenerOfAsync(cluster, Service, stack.Listener);
        using var blueGreen = stack.CopyInputs("bluegreen");
        blueGreen.EditEnvironment("local", json =>
        {
            json["service"] = Service;
            json["deployment"]!["strategy"] = "BLUE_GREEN";
            json["deployment"]!["bakeTimeMinutes"] = 1; // 30 s at the suite's time scale: time to look and roll back
            var loadBalancer = json["loadBalancer"]!;
            loadBalancer["targetGroupArn"] = Blue;
            loadBalancer["alternateTargetGroupArn"] = Green;
            loadBalancer["productionListenerRuleArn"] = "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/autopr-bluegreen/0123456789abcdef/0123456789abcdef/0123456789abcdef";
            loadBalancer["roleArn"] = "arn:aws:iam::000000000000:role/autopr-bluegreen-ecs-infrastructure";
            loadBalancer["listenerUrl"] = listener.ToString();
            json["healthUrl"] = new Uri(listener, "/health").ToString();
        });
        // LocalUp is skipped too: the stack is the fixture's, which LocalUp on another root refuses to take for its own.
        string[] onCopy = ["--environment", "local", "--root", blueGreen.Root, "--skip", "DockerBuild", "LocalUp", "--bake-window", LocalStackFixture.ShortBake];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            // Blue: the current build (creating the service bakes once too).
            var created = await stack.RunAsync(output, ["DeployEcs", .. onCopy]);
            Assert.True(created.ExitCode == 0, created.ToString());
            var blue = await stack.Status.WaitUntilSettledAsync(cluster, Service, TimeSpan.FromMinutes(1));
            Assert.True(blue.Listener == listener, $"LocalEcs gave {Service} the listener {blue.Listener}, the environment file names {listener}");
            var blueTasks = blue.RunningTasks.Select(t => t.Id).Order().ToList();

            // Green answers every request with 500 but is healthy: ECS shifts traffic to it and bakes. Without
            // --no-auto-rollback DeployEcs would roll it back by itself; this test is about the operator doing it.
            using var deploy = stack.Start(output, new Dictionary<string, string?>(),
                ["DeployEcs", .. onCopy, "--no-auto-rollback", "--container-env", "AUTOPR_FAULT_ERROR_RATE=1"]);
            await deploy.WaitForLineAsync("IN_PROGRESS BAKE_TIME", TimeSpan.FromMinutes(4));
            var baking = await stack.Status.ServiceAsync(cluster, Service);
            Assert.Equal(Green, baking!.ProductionTargetGroup);
            Assert.Subset(baking.RunningTasks.Select(t => t.Id).ToHashSet(), blueTasks.ToHashSet());
            using (var green = await http.GetAsync(listener))
            {
                Assert.Equal(HttpStatusCode.InternalServerError, green.StatusCode);
            }

            // The operator stops watching (Ctrl-C leaves ECS as it is) and rolls back.
            deploy.Interrupt();
            var interrupted = await deploy.WaitAsync(LocalStackFixture.Timeout);
            Assert.True(interrupted.ExitCode == 130, interrupted.ToString());
            var rollback = await stack.RunAsync(output, ["Rollback", .. onCopy[..4]]);

            Assert.True(rollback.ExitCode == 0, rollback.ToString());
            var revision = $"{Service}-local:{blue.Revision}";
            Assert.Contains($"to {revision} (StopServiceDeployment ROLLBACK)", rollback.Output, StringComparison.Ordinal);
            Assert.Contains($"shifted production traffic back to (target-group {Blue})", rollback.Output, StringComparison.Ordinal);
            Assert.Contains($"local: rolled back to {revision} (stopped the deployment with ROLLBACK, verified)", rollback.Output, StringComparison.Ordinal);

            // Instant: the blue tasks never stopped and serve again; no task was started for the rollback.
            var after = await stack.Status.ServiceAsync(cluster, Service);
            Assert.Equal(Blue, after!.ProductionTargetGroup);
            Assert.Equal(blue.TaskDefinition, after.TaskDefinition);
            Assert.Equal(blueTasks, after.RunningTasks.Select(t => t.Id).Order().ToList());
            for (var i = 0; i < 10; i++)
            {
                using var answer = await http.GetAsync(listener);
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }
        }
        finally
        {
            await DeleteServiceAsync(blueGreen);
        }
    }

    /// <summary>The service is the test's own: it goes (ECS keeps it INACTIVE, and its listener for a next run).</summary>
    private static async Task DeleteServiceAsync(BuildInputsCopy copy)
    {
        var environment = EnvironmentLoader.Load(Path.GetDirectoryName(copy.EnvironmentFile("local"))!, "local");
        using var aws = await AwsClients.CreateAsync(environment);
        try
        {
            await aws.Core.SendAsync(new AwsOperation(AwsService.Ecs, "DeleteService", AwsAccess.Write),
                new JsonObject { ["cluster"] = environment.Cluster, ["service"] = environment.Service, ["force"] = true }, CancellationToken.None);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "ServiceNotFoundException")
        {
            // Never created: nothing to delete.
        }
    }
}
