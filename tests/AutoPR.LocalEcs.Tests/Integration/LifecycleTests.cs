using System.Diagnostics;
using System.Text.Json.Nodes;
using AutoPR.LocalEcs.State;
using AutoPR.LocalEcs.Tasks;
using AutoPR.LocalEcs.Tests.Support;
using Docker.DotNet.Models;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>Restart in the middle of a deployment, and the executable's SIGTERM and `down`.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class LifecycleTests
{
    [Fact]
    public async Task LocalEcs_restarted_in_the_middle_of_a_deployment_resumes_it_and_containers_agree_with_DescribeServices()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        var v1 = await stack.RegisterAsync("1.0.0");
        await stack.CreateServiceAsync(v1, desired: 2);
        await stack.WaitForServiceDeploymentAsync();
        var v2 = await stack.RegisterAsync("2.0.0", """, {"name": "AUTOPR_FAULT_START_DELAY_SECONDS", "value": "3"}""");
        await stack.UpdateServiceAsync(v2);
        await WaitAsync(async () => (await stack.ContainersAsync()).Count >= 3, "the new revision's containers to start");
        Assert.Equal("IN_PROGRESS", (await stack.LatestServiceDeploymentAsync())["status"]!.GetValue<string>());

        await stack.RestartAsync();
        var deployment = await stack.WaitForServiceDeploymentAsync();

        Assert.Equal("SUCCESSFUL", deployment["status"]!.GetValue<string>());
        Assert.Equal("2.0.0", await stack.VersionThroughListenerAsync());
        await WaitAsync(async () => (await stack.ContainersAsync(all: true)).Count == 2, "old containers to be removed");
        var running = await stack.Aws.EcsAsync("ListTasks", $$"""{"cluster": "{{LocalEcsStack.Cluster}}", "serviceName": "{{LocalEcsStack.Service}}"}""");
        var tasks = (await stack.Aws.EcsAsync("DescribeTasks", $$"""{"cluster": "{{LocalEcsStack.Cluster}}", "tasks": {{running["taskArns"]!.ToJsonString()}}}"""))["tasks"]!.AsArray();
        var runtimeIds = tasks.Select(t => t!["containers"]![0]!["runtimeId"]!.GetValue<string>()).Order().ToList();
        var containers = (await stack.ContainersAsync()).Select(c => c.ID).Order().ToList();
        Assert.Equal(containers, runtimeIds);
        Assert.All(tasks, t => Assert.Equal(v2, t!["taskDefinitionArn"]!.GetValue<string>()));
        Assert.All(tasks, t => Assert.Equal("RUNNING", t!["lastStatus"]!.GetValue<string>()));
        var service = await stack.DescribeServiceAsync();
        Assert.Equal(2, service["runningCount"]!.GetValue<int>());
        Assert.Equal(v2, service["taskDefinition"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_executable_writes_its_ready_file_stops_on_SIGTERM_and_down_leaves_no_container_behind()
    {
        await DockerPrerequisites.EnsureAsync();
        var image = await ServiceImage.EnsureAsync();
        var stateDir = Path.Combine(Path.GetTempPath(), "localecs-exe-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePort.Next();
        var listener = $"127.0.0.1:{FreePort.Next()}";
        var files = new StateFiles(stateDir);
        using var server = Start(
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state-dir", stateDir, "--registry", DockerPrerequisites.Registry,
            "--docker-host", DockerPrerequisites.DockerHost, "--listener-address", listener, "--time-scale", "0.1", "--poll-interval", "0.25");
        try
        {
            await WaitAsync(() => Task.FromResult(File.Exists(files.ReadyFile)), "the ready file");
            var ready = JsonNode.Parse(await File.ReadAllTextAsync(files.ReadyFile))!;
            Assert.Equal(server.Id, ready["pid"]!.GetValue<int>());
            Assert.Equal($"http://127.0.0.1:{port}", ready["endpoint"]!.GetValue<string>());
            Assert.Equal(server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(files.PidFile)).Trim());

            using var aws = new AwsJsonClient(new Uri(ready["endpoint"]!.GetValue<string>()));
            await aws.EcsAsync("CreateCluster", """{"clusterName": "autopr-local"}""");
            await aws.EcsAsync("RegisterTaskDefinition", $$"""{"family": "autopr", "containerDefinitions": [{"name": "web", "image": "{{image}}", "portMappings": [{"containerPort": 8000}]}]}""");
            await aws.EcsAsync("CreateService", """{"cluster": "autopr-local", "serviceName": "autopr", "taskDefinition": "autopr", "desiredCount": 2}""");
            var instance = files.ReadOrCreateInstanceId();
            await WaitAsync(async () => (await OwnedContainersAsync(instance)).Count == 2, "two task containers");

            // No --docker-host and no DOCKER_HOST: down uses the engine the server recorded in its state directory.
            using var down = Start(["down", "--state-dir", stateDir], withoutDockerHost: true);
            await down.WaitForExitAsync();

            Assert.Equal(0, down.ExitCode);
            Assert.True(server.WaitForExit(TimeSpan.FromSeconds(5)), "LocalEcs did not exit after SIGTERM");
            Assert.Equal(0, server.ExitCode);
            Assert.False(File.Exists(files.ReadyFile));
            Assert.False(File.Exists(files.PidFile));
            Assert.Equal(DockerPrerequisites.DockerHost, (await File.ReadAllTextAsync(files.DockerHostFile)).Trim());
            Assert.Empty(await OwnedContainersAsync(instance));
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }

            Directory.Delete(stateDir, recursive: true);
        }
    }

    private static async Task<IList<ContainerListResponse>> OwnedContainersAsync(string instance)
    {
        using var docker = DockerClientFactory.Create(DockerPrerequisites.DockerHost);
        return await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Instance}={instance}"] = true } },
        });
    }

    private static Process Start(params string[] arguments) => Start(arguments, withoutDockerHost: false);

    private static Process Start(string[] arguments, bool withoutDockerHost)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (withoutDockerHost)
        {
            start.Environment.Remove("DOCKER_HOST");
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AutoPR.LocalEcs.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }
}
