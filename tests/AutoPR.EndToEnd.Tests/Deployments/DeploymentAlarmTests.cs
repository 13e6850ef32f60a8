using System.Diagnostics;
using AutoPR.Deployment;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Deployments;

/// <summary>
/// ECS's own safety net: the local environment's deployment alarm (localAlarms, made by LocalUp; enabled here on a scratch
/// copy of the build inputs, as the fixture turns it off for the tests of the build's own verdict). A bad release is
/// started, the build process is killed (SIGKILL, as a dying CI runner) in the middle of the rollout, and LocalEcs alone
/// sees the alarm fire on the users' 5xx and rolls the deployment back, naming the alarm as ECS does.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class DeploymentAlarmTests(LocalStackFixture stack, ITestOutputHelper output)
{
    private const string Alarm = "autopr-local-target-5xx";

    [Fact]
    public async Task A_bad_release_whose_build_was_killed_mid_rollout_is_rolled_back_by_ECS_on_its_alarm()
    {
        var baseline = await stack.EnsureBaselineAsync(output);
        using var withAlarms = stack.CopyInputs("alarms");
        withAlarms.EditEnvironment("local", json => json["deployment"]!["alarms"]!["enable"] = true);
        var clock = Stopwatch.StartNew();
        try
        {
            await using var users = UserLoad.Start(stack.Listener, 20, ("/", 1), ("/api/instance", 1));
            string failedTaskDefinition;
            using (var deploy = stack.Start(output, new Dictionary<string, string?>(),
                ["DeployEcs", "--environment", "local", "--root", withAlarms.Root, "--skip", "DockerBuild", "LocalUp",
                 "--bake-window", LocalStackFixture.ShortBake, "--container-env", "AUTOPR_FAULT_ERROR_RATE=1"]))
            {
                var updated = await deploy.WaitForLineAsync("updated service autopr to autopr-local:", TimeSpan.FromMinutes(4));
                failedTaskDefinition = updated[updated.IndexOf("autopr-local:", StringComparison.Ordinal)..].Split(' ', ',', ';')[0];
                deploy.Kill();
            }

            output.WriteLine($"build killed after {clock.Elapsed.TotalSeconds:0.0} s, at {failedTaskDefinition}");
            using var aws = await AwsClients.CreateAsync(stack.Environment);
            var rollout = await WaitForTheNewestServiceDeploymentToFinishAsync(aws, TimeSpan.FromSeconds(90));
            output.WriteLine($"{rollout.Status} after {clock.Elapsed.TotalSeconds:0.0} s: {rollout.StatusReason}; rollback: {rollout.RollbackReason}");

            Assert.Equal("ROLLBACK_SUCCESSFUL", rollout.Status);
            Assert.Contains($"(alarm {Alarm})", rollout.RollbackReason, StringComparison.Ordinal);
            Assert.Equal("TRIGGERED", rollout.Json["alarms"]?["status"]?.GetValue<string>());
            var service = await aws.Ecs.DescribeServiceAsync(stack.Environment.Cluster, stack.Environment.Service);
            var failure = Assert.Single(service!.Events, e => e.Message?.Contains("deployment failed: alarm detected.", StringComparison.Ordinal) == true).Message!;
            Assert.Matches($@"^\(service autopr\) \(deployment ecs-svc/\d+\) deployment failed: alarm detected\. \(alarm {Alarm}\) is in ALARM: Threshold Crossed: 1 datapoint \[\d+\.\d+ ", failure);
            Assert.True(users.Count("/", s => s >= 500) > 0, "the bad release should have answered users with 5xx before the rollback: " + users.Describe());

            var settled = await stack.Status.WaitUntilSettledAsync(stack.Environment.Cluster, stack.Environment.Service, TimeSpan.FromMinutes(1));
            Assert.Equal(baseline.TaskDefinition, settled.TaskDefinition);
            Assert.NotEqual(baseline.TaskDefinition, failedTaskDefinition);
            output.WriteLine($"back on {settled.TaskDefinition} after {clock.Elapsed.TotalSeconds:0.0} s; users: {users.Describe()}");
        }
        finally
        {
            await stack.RestoreBaselineAsync(output);
            output.WriteLine($"test took {clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    [Fact]
    public async Task An_alarm_cloudwatch_does_not_have_is_exit_code_2_naming_it_and_nothing_changes()
    {
        var baseline = await stack.EnsureBaselineAsync(output);
        using var typo = stack.CopyInputs("alarm-typo");
        typo.EditEnvironment("local", json =>
        {
            json["deployment"]!["alarms"]!["enable"] = true;
            json["deployment"]!["alarms"]!["alarmNames"] = new System.Text.Json.Nodes.JsonArray(Alarm, "autopr-local-typo");
        });

        var run = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--root", typo.Root, "--skip", "DockerBuild", "LocalUp",
            "--container-env", $"AUTOPR_E2E_RELEASE=typo-{Guid.NewGuid():N}");

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = run.FailureOf("DeployEcs");
        Assert.EndsWith(
            "deployment.alarms names an alarm CloudWatch does not have in us-east-1: autopr-local-typo; nothing was changed; fix: define it in localAlarms of local.json and run ./build.sh LocalUp, or remove it from deployment.alarms.alarmNames",
            error.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("registered task definition", run.Output, StringComparison.Ordinal);
        var service = await stack.ServiceAsync();
        Assert.Equal(baseline.TaskDefinition, service.TaskDefinition);
        Assert.Equal(baseline.Deployments.Select(d => d.Id), service.Deployments.Select(d => d.Id));
    }

    private async Task<EcsServiceDeploymentView> WaitForTheNewestServiceDeploymentToFinishAsync(AwsClients aws, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        EcsServiceDeploymentView? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            string? newest = null;
            await foreach (var brief in aws.Ecs.ListServiceDeploymentsAsync(stack.Environment.Cluster, stack.Environment.Service))
            {
                newest = brief.Arn;
                break;
            }

            var described = newest is null ? null : (await aws.Ecs.DescribeServiceDeploymentsAsync([newest])).Items;
            last = described is { Count: > 0 } ? described[0] : null;
            if (last is { IsFinished: true })
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        throw new TimeoutException($"the service deployment did not finish within {timeout.TotalSeconds:0} s: {last?.Json}");
    }
}
