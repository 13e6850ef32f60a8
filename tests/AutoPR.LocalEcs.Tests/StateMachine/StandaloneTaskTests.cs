using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.StateMachine;

/// <summary>RunTask's standalone tasks over fake Docker: launched like service tasks, never touched by the service scheduler.</summary>
public sealed class StandaloneTaskTests : IDisposable
{
    private readonly EcsHarness _ecs = new();

    public void Dispose() => _ecs.Dispose();

    [Fact]
    public async Task A_standalone_task_keeps_running_through_a_service_deployment_and_never_joins_a_target_group()
    {
        await _ecs.CreateServiceAsync(await _ecs.RegisterAsync("app:1"), desired: 2);
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished);
        var job = await RunAsync(await RegisterJobAsync(), """, "startedBy": "migrate" """);

        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished);
        for (var i = 0; i < 20; i++)
        {
            await _ecs.StepAsync();
        }

        var task = await _ecs.Store.ReadAsync(s => s.Tasks[job], CancellationToken.None);
        Assert.Equal(("RUNNING", "RUNNING"), (task.LastStatus, task.DesiredStatus));
        Assert.Null(task.ServiceName);
        Assert.Null(task.TargetGroupArn);
        Assert.Single(_ecs.Runtime.Launched, l => l.TaskId == job);
        Assert.Equal(TargetHealthState.Unused, _ecs.LoadBalancer.Health(EcsHarness.TargetGroup, job));
        Assert.Equal(TargetHealthState.Unused, _ecs.LoadBalancer.Health(EcsHarness.AlternateTargetGroup, job));
        Assert.Equal(2, (await _ecs.LiveTasksAsync()).Count(t => t.ServiceName is not null));
    }

    [Fact]
    public async Task An_exited_essential_container_stops_the_task_with_its_exit_code_and_it_is_not_replaced()
    {
        _ecs.Runtime.Behaviour = (_, c) => c.Image == "app:job" ? FakeOutcome.Crashes : FakeOutcome.Healthy;
        await EcsHarness.CallAsync(_ecs.Clusters.CreateClusterAsync, $$"""{"clusterName": "{{EcsHarness.Cluster}}"}""");
        var job = await RunAsync(await RegisterJobAsync());

        for (var i = 0; i < 5; i++)
        {
            await _ecs.StepAsync();
        }

        var task = (await DescribeAsync(job))!;
        Assert.Equal("STOPPED", task["lastStatus"]!.GetValue<string>());
        Assert.Equal("EssentialContainerExited", task["stopCode"]!.GetValue<string>());
        Assert.Equal("Essential container in task exited", task["stoppedReason"]!.GetValue<string>());
        Assert.Equal(3, task["containers"]![0]!["exitCode"]!.GetValue<int>());
        Assert.NotNull(task["stoppedAt"]);
        Assert.Single(_ecs.Runtime.Launched);
        Assert.Equal(0, _ecs.Runtime.ContainerCount);
    }

    [Fact]
    public async Task StopTask_stops_the_container_with_its_stopTimeout_and_says_who_stopped_it()
    {
        await EcsHarness.CallAsync(_ecs.Clusters.CreateClusterAsync, $$"""{"clusterName": "{{EcsHarness.Cluster}}"}""");
        var job = await RunAsync(await RegisterJobAsync());
        await _ecs.StepAsync();
        await _ecs.StepAsync();

        await EcsHarness.CallAsync(_ecs.Tasks.StopAsync, $$"""{"cluster": "{{EcsHarness.Cluster}}", "task": "{{job}}", "reason": "enough"}""");
        for (var i = 0; i < 4; i++)
        {
            await _ecs.StepAsync();
        }

        var task = (await DescribeAsync(job))!;
        Assert.Equal(("STOPPED", "UserInitiated", "enough"), (task["lastStatus"]!.GetValue<string>(), task["stopCode"]!.GetValue<string>(), task["stoppedReason"]!.GetValue<string>()));
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(_ecs.Runtime.Stops).Timeout);
    }

    [Fact]
    public async Task Overrides_reach_the_container_and_DescribeTasks()
    {
        await EcsHarness.CallAsync(_ecs.Clusters.CreateClusterAsync, $$"""{"clusterName": "{{EcsHarness.Cluster}}"}""");
        var job = await RunAsync(await RegisterJobAsync(), """
            , "overrides": {"containerOverrides": [{"name": "job", "command": ["echo", "hi"], "environment": [{"name": "MODE", "value": "dry"}, {"name": "A", "value": "2"}]}]}
            """);
        await _ecs.StepAsync();

        var container = Assert.Single(Assert.Single(_ecs.Runtime.Launched).Containers);
        Assert.Equal(["echo", "hi"], container.Command);
        Assert.Equal(("dry", "2"), (container.Environment["MODE"], container.Environment["A"]));
        var overrides = (await DescribeAsync(job))!["overrides"]!["containerOverrides"]![0]!;
        Assert.Equal("dry", overrides["environment"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("hi", overrides["command"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task RunTask_refuses_an_unknown_or_inactive_task_definition_a_bad_count_and_an_unknown_container()
    {
        await EcsHarness.CallAsync(_ecs.Clusters.CreateClusterAsync, $$"""{"clusterName": "{{EcsHarness.Cluster}}"}""");
        var arn = await RegisterJobAsync();

        Assert.Equal("ClientException", (await ErrorOfAsync("""{"taskDefinition": "nothing:1"}""")).Code);
        Assert.Equal("InvalidParameterException", (await ErrorOfAsync($$"""{"taskDefinition": "{{arn}}", "count": 11}""")).Code);
        Assert.Equal("InvalidParameterException", (await ErrorOfAsync($$$"""{"taskDefinition": "{{{arn}}}", "overrides": {"containerOverrides": [{"name": "web"}]}}""")).Code);
        await EcsHarness.CallAsync(_ecs.TaskDefinitions.DeregisterAsync, $$"""{"taskDefinition": "{{arn}}"}""");
        var inactive = await ErrorOfAsync("""{"taskDefinition": "job:1"}""");
        Assert.Equal("ClientException", inactive.Code);
        Assert.Contains("inactive", inactive.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTasks_finds_standalone_tasks_by_family_and_startedBy()
    {
        await EcsHarness.CallAsync(_ecs.Clusters.CreateClusterAsync, $$"""{"clusterName": "{{EcsHarness.Cluster}}"}""");
        var arn = await RegisterJobAsync();
        var tagged = await RunAsync(arn, """, "startedBy": "migrate" """);
        await RunAsync(arn);

        var byStarter = await EcsHarness.CallAsync(_ecs.Tasks.ListAsync, $$"""{"cluster": "{{EcsHarness.Cluster}}", "startedBy": "migrate"}""");
        var byFamily = await EcsHarness.CallAsync(_ecs.Tasks.ListAsync, $$"""{"cluster": "{{EcsHarness.Cluster}}", "family": "job"}""");

        Assert.EndsWith(tagged, Assert.Single(byStarter["taskArns"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, byFamily["taskArns"]!.AsArray().Count);
    }

    private async Task<string> RegisterJobAsync()
    {
        var result = await EcsHarness.CallAsync(_ecs.TaskDefinitions.RegisterAsync, """
            {"family": "job", "cpu": "256", "memory": "512", "networkMode": "awsvpc",
             "containerDefinitions": [{"name": "job", "image": "app:job", "stopTimeout": 7, "environment": [{"name": "A", "value": "1"}]}]}
            """);
        return result["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
    }

    private async Task<string> RunAsync(string taskDefinition, string extra = "")
    {
        var result = await EcsHarness.CallAsync(_ecs.RunTask.RunAsync, $$"""{"cluster": "{{EcsHarness.Cluster}}", "taskDefinition": "{{taskDefinition}}"{{extra}}}""");
        Assert.Empty(result["failures"]!.AsArray());
        return result["tasks"]![0]!["taskArn"]!.GetValue<string>().Split('/')[^1];
    }

    private async Task<JsonNode?> DescribeAsync(string taskId) =>
        (await EcsHarness.CallAsync(_ecs.Tasks.DescribeAsync, $$"""{"cluster": "{{EcsHarness.Cluster}}", "tasks": ["{{taskId}}"]}"""))["tasks"]![0];

    private async Task<AwsServiceException> ErrorOfAsync(string json)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body["cluster"] = EcsHarness.Cluster;
        return await Assert.ThrowsAsync<AwsServiceException>(() => EcsHarness.CallAsync(_ecs.RunTask.RunAsync, body.ToJsonString()));
    }
}
