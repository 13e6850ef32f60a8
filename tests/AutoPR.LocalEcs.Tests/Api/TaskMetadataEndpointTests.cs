using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Ecs;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.State;
using AutoPR.LocalEcs.Tasks;
using AutoPR.LocalEcs.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AutoPR.LocalEcs.Tests.Api;

/// <summary>
/// The task metadata endpoint v4 over HTTP: the URI the planner gives a container answers its metadata and its task's
/// (Family and Revision as AWS sends them). The server's Docker engine does not exist, so nothing is ever launched.
/// </summary>
public sealed class TaskMetadataEndpointTests : IAsyncLifetime
{
    private const string Cluster = "autopr-local";
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "localecs-metadata-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly HttpClient _http = new();
    private LocalEcsServer _server = null!;
    private AwsJsonClient _aws = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalEcsServer.StartAsync(new LocalEcsOptions
        {
            Port = 0,
            StateDirectory = _stateDir,
            ListenerAddress = $"127.0.0.1:{FreePort.Next()}",
            DockerHost = "unix://" + Path.Combine(_stateDir, "no-docker-here.sock"),
        });
        _aws = new AwsJsonClient(_server.Endpoint);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _aws.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_stateDir, recursive: true);
    }

    [Fact]
    public async Task A_container_reads_its_task_family_and_revision_at_the_URI_the_planner_set()
    {
        var clusterArn = (await _aws.EcsAsync("CreateCluster", $$"""{"clusterName": "{{Cluster}}"}"""))["cluster"]!["clusterArn"]!.GetValue<string>();
        await RegisterAsync("1.0.0");
        var revision2 = await RegisterAsync("2.0.0");
        var task = await AddTaskAsync(clusterArn, revision2);

        var definition = await _server.Services.GetRequiredService<EcsStore>().ReadAsync(s => EcsLookup.TaskDefinition(s, revision2), CancellationToken.None);
        var spec = _server.Services.GetRequiredService<TaskLaunchPlanner>().Plan(task, definition, new Dictionary<string, string>());
        var uri = spec.Containers.Single().Environment["ECS_CONTAINER_METADATA_URI_V4"];
        var taskJson = await GetAsync(uri + "/task");
        var containerJson = await GetAsync(uri);

        Assert.StartsWith($"{_server.Endpoint}v4/{task.Id}-", uri, StringComparison.Ordinal);
        Assert.Equal("autopr", taskJson["Family"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, taskJson["Revision"]!.GetValueKind());
        Assert.Equal("2", taskJson["Revision"]!.GetValue<string>());
        Assert.Equal(clusterArn, taskJson["Cluster"]!.GetValue<string>());
        Assert.Equal(task.Arn, taskJson["TaskARN"]!.GetValue<string>());
        Assert.Equal("autopr", taskJson["ServiceName"]!.GetValue<string>());
        Assert.Equal("RUNNING", taskJson["DesiredStatus"]!.GetValue<string>());
        Assert.Equal("PROVISIONING", taskJson["KnownStatus"]!.GetValue<string>());
        Assert.Equal(0.25, taskJson["Limits"]!["CPU"]!.GetValue<double>());
        Assert.Equal(512, taskJson["Limits"]!["Memory"]!.GetValue<int>());
        Assert.Equal("FARGATE", taskJson["LaunchType"]!.GetValue<string>());
        Assert.Equal("us-east-1a", taskJson["AvailabilityZone"]!.GetValue<string>());
        Assert.False(taskJson.ContainsKey("PullStartedAt"));
        Assert.Equal(containerJson.ToJsonString(), Assert.Single(taskJson["Containers"]!.AsArray())!.ToJsonString());

        Assert.Equal(uri[(uri.LastIndexOf('/') + 1)..], containerJson["DockerId"]!.GetValue<string>());
        Assert.Equal("web", containerJson["Name"]!.GetValue<string>());
        Assert.Equal("127.0.0.1:5000/autopr:2.0.0", containerJson["Image"]!.GetValue<string>());
        Assert.Equal("2", containerJson["Labels"]!["com.amazonaws.ecs.task-definition-version"]!.GetValue<string>());
        Assert.Equal("autopr", containerJson["Labels"]!["com.amazonaws.ecs.task-definition-family"]!.GetValue<string>());
        Assert.Equal("127.0.9.9", containerJson["Networks"]![0]!["IPv4Addresses"]![0]!.GetValue<string>());
        Assert.Equal("awsvpc", containerJson["Networks"]![0]!["NetworkMode"]!.GetValue<string>());
        Assert.False(containerJson.ContainsKey("ImageID"));
    }

    [Theory]
    [InlineData("/v4/not-an-id")]
    [InlineData("/v4/0123456789abcdef0123456789abcdef-0000000000")]
    [InlineData("/v4/0123456789abcdef0123456789abcdef-0000000000/task")]
    public async Task An_unknown_id_is_404(string path)
    {
        using var response = await _http.GetAsync(new Uri(_server.Endpoint, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> RegisterAsync(string tag)
    {
        var result = await _aws.EcsAsync("RegisterTaskDefinition", $$"""
            {"family": "autopr", "cpu": "256", "memory": "512", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
             "containerDefinitions": [{"name": "web", "image": "127.0.0.1:5000/autopr:{{tag}}", "portMappings": [{"containerPort": 8000}]}]}
            """);
        return result["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
    }

    /// <summary>A service task as the scheduler records it before its launch (which never comes: there is no Docker).</summary>
    private async Task<TaskRecord> AddTaskAsync(string clusterArn, string taskDefinitionArn)
    {
        var id = EcsNames.NewTaskId();
        var task = new TaskRecord
        {
            Id = id,
            Arn = clusterArn.Replace(":cluster/", ":task/", StringComparison.Ordinal) + "/" + id,
            ClusterName = Cluster,
            ClusterArn = clusterArn,
            ServiceName = "autopr",
            TaskDefinitionArn = taskDefinitionArn,
            Address = "127.0.9.9",
            Cpu = "256",
            Memory = "512",
            Containers = [new TaskContainerRecord { Name = "web", Image = "127.0.0.1:5000/autopr:2.0.0", ContainerPort = 8000 }],
        };
        await _server.Services.GetRequiredService<EcsStore>().WriteAsync(s => s.Tasks[id] = task, CancellationToken.None);
        return task;
    }

    private async Task<JsonObject> GetAsync(string uri)
    {
        using var response = await _http.GetAsync(new Uri(uri));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
