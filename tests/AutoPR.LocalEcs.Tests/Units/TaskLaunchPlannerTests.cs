using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.Ssm;
using AutoPR.LocalEcs.State;
using AutoPR.LocalEcs.TaskMetadata;
using AutoPR.LocalEcs.Tasks;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.Units;

public sealed class TaskLaunchPlannerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "localecs-planner-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ParameterStore _parameters;
    private readonly TaskLaunchPlanner _planner;

    public TaskLaunchPlannerTests()
    {
        var files = new StateFiles(_directory);
        files.EnsureDirectory();
        _parameters = new ParameterStore(files);
        var api = new ApiEndpoint();
        api.SetListening(new Uri("http://127.0.0.1:4577"));
        _planner = new TaskLaunchPlanner(new LocalEcsOptions { TimeScale = 0.1 }, _parameters, api);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_task_address_port_environment_secrets_faults_limits_and_health_check_reach_the_container()
    {
        _parameters.Set("/autopr/db-password", "s3cret");
        var definition = Definition("""
            {"family": "autopr", "cpu": "512", "memory": "1024", "containerDefinitions": [{"name": "web", "image": "127.0.0.1:5000/autopr@sha256:abc",
              "portMappings": [{"containerPort": 8000}], "environment": [{"name": "LOG_LEVEL", "value": "Debug"}],
              "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:000000000000:parameter/autopr/db-password"}],
              "healthCheck": {"command": ["CMD", "/app/AutoPR.Service", "healthcheck"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 60}}]}
            """);

        var spec = _planner.Plan(Task("127.0.3.7"), definition, new Dictionary<string, string> { ["AUTOPR_FAULT_UNHEALTHY"] = "true" });

        var container = Assert.Single(spec.Containers);
        Assert.Equal("127.0.3.7", container.Environment["BIND_ADDRESS"]);
        Assert.Equal("8000", container.Environment["PORT"]);
        Assert.Equal("Debug", container.Environment["LOG_LEVEL"]);
        Assert.Equal("s3cret", container.Environment["DB_PASSWORD"]);
        Assert.Equal("true", container.Environment["AUTOPR_FAULT_UNHEALTHY"]);
        Assert.Equal(500_000_000, container.NanoCpus);
        Assert.Equal(1024L * 1024 * 1024, container.MemoryBytes);
        Assert.Equal(TimeSpan.FromSeconds(3), container.HealthCheck!.Interval);
        Assert.Equal(TimeSpan.FromSeconds(5), container.HealthCheck.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(6), container.HealthCheck.StartPeriod);
        Assert.Equal(["CMD", "/app/AutoPR.Service", "healthcheck"], container.HealthCheck.Test);
        Assert.Equal("autopr-local", spec.Labels[ContainerLabels.Cluster]);
        Assert.Equal("autopr", spec.Labels[ContainerLabels.Service]);
    }

    [Fact]
    public void Every_container_gets_its_own_metadata_URI_on_the_API_port_over_the_definitions_own_value()
    {
        var definition = Definition("""
            {"family": "autopr", "containerDefinitions": [
              {"name": "web", "image": "app", "environment": [{"name": "ECS_CONTAINER_METADATA_URI_V4", "value": "http://169.254.170.2/v4/mine"}]},
              {"name": "sidecar", "image": "app"}]}
            """);

        var spec = _planner.Plan(Task("127.0.1.1"), definition, new Dictionary<string, string>());

        var uris = spec.Containers.ToDictionary(c => c.Name, c => c.Environment["ECS_CONTAINER_METADATA_URI_V4"]);
        Assert.Equal("http://127.0.0.1:4577/v4/" + TaskMetadataId.For("0123456789abcdef0123456789abcdef", "web"), uris["web"]);
        Assert.Equal("http://127.0.0.1:4577/v4/" + TaskMetadataId.For("0123456789abcdef0123456789abcdef", "sidecar"), uris["sidecar"]);
        Assert.Matches("^http://127\\.0\\.0\\.1:4577/v4/0123456789abcdef0123456789abcdef-[0-9]{10}$", uris["web"]);
        Assert.NotEqual(uris["web"], uris["sidecar"]);
    }

    [Fact]
    public void A_missing_secret_fails_the_launch_with_ECS_reason_and_without_revealing_values()
    {
        _parameters.Set("/other", "not-this-one");
        var definition = Definition("""
            {"family": "autopr", "containerDefinitions": [{"name": "web", "image": "app", "secrets": [{"name": "X", "valueFrom": "/autopr/missing"}]}]}
            """);

        var error = Assert.Throws<TaskLaunchException>(() => _planner.Plan(Task("127.0.1.1"), definition, new Dictionary<string, string>()));

        Assert.StartsWith("ResourceInitializationError: unable to pull secrets or registry auth", error.Message, StringComparison.Ordinal);
        Assert.Contains("/autopr/missing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-this-one", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/autopr:1.2", "127.0.0.1:5000/autopr", "1.2", null)]
    [InlineData("127.0.0.1:5000/autopr", "127.0.0.1:5000/autopr", null, null)]
    [InlineData("127.0.0.1:5000/autopr@sha256:ab", "127.0.0.1:5000/autopr", null, "sha256:ab")]
    [InlineData("autopr/runtime-deps:bookworm", "autopr/runtime-deps", "bookworm", null)]
    public void Image_references_split_into_repository_tag_and_digest(string image, string repository, string? tag, string? digest) =>
        Assert.Equal(new ImageReference(repository, tag, digest), ImageReference.Parse(image));

    [Theory]
    [InlineData(1, 3)]
    [InlineData(6, 3)]
    [InlineData(10, 5)]
    [InlineData(1000, 200)]
    public void The_circuit_breaker_threshold_is_half_the_desired_count_between_3_and_200(int desired, int threshold) =>
        Assert.Equal(threshold, Deployments.CircuitBreaker.Threshold(desired));

    private static TaskDefinitionRecord Definition(string json) => new()
    {
        Arn = "arn:aws:ecs:us-east-1:000000000000:task-definition/autopr:1",
        Family = "autopr",
        Revision = 1,
        Definition = JsonNode.Parse(json)!.AsObject(),
    };

    private static TaskRecord Task(string address) => new()
    {
        Id = "0123456789abcdef0123456789abcdef",
        Arn = "arn:aws:ecs:us-east-1:000000000000:task/autopr-local/0123456789abcdef0123456789abcdef",
        ClusterName = "autopr-local",
        ClusterArn = "arn:aws:ecs:us-east-1:000000000000:cluster/autopr-local",
        ServiceName = "autopr",
        StartedBy = "ecs-svc/1",
        TaskDefinitionArn = "arn:aws:ecs:us-east-1:000000000000:task-definition/autopr:1",
        Address = address,
    };
}
