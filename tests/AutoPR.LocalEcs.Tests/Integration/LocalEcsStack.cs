using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.Metrics;
using AutoPR.LocalEcs.State;
using AutoPR.LocalEcs.Tasks;
using AutoPR.LocalEcs.Tests.Support;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>
/// A real LocalEcs (in-process, real Docker, real registry) on free loopback ports with its own state
/// directory, fast timings (--time-scale 0.1), and helpers to deploy the AutoPR.Service image.
/// </summary>
public sealed class LocalEcsStack : IAsyncDisposable
{
    public const string Cluster = "autopr-local";
    public const string Service = "autopr";
    public const string TargetGroup = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr/0123456789abcdef";
    public const string AlternateTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr-green/fedcba9876543210";

    private LocalEcsServer? _server;
    private Action<ILoggingBuilder>? _logging;

    private LocalEcsStack(LocalEcsOptions options, string image)
    {
        Options = options;
        Image = image;
    }

    public LocalEcsOptions Options { get; }

    public string Image { get; }

    public LocalEcsServer Server => _server ?? throw new InvalidOperationException("LocalEcs is stopped.");

    public AwsJsonClient Aws { get; private set; } = null!;

    public Uri Listener => new($"http://{Options.ListenerAddress}/");

    /// <summary>The first test listener (a service whose load balancer has a testListenerRule).</summary>
    public Uri TestListener => new($"http://{Options.TestListenerAddress}/");

    /// <param name="metrics">AWS-like metrics (LocalEcs's default), or immediate ones for a test that reads what it just sent.</param>
    /// <param name="logging">Where LocalEcs's logs go (nowhere unless told).</param>
    public static async Task<LocalEcsStack> StartAsync(MetricsMode metrics = MetricsMode.Aws, Action<ILoggingBuilder>? logging = null)
    {
        await DockerPrerequisites.EnsureAsync();
        var image = await ServiceImage.EnsureAsync();
        var options = new LocalEcsOptions
        {
            Port = 0,
            StateDirectory = Path.Combine(Path.GetTempPath(), "localecs-it-" + Guid.NewGuid().ToString("N")[..8]),
            DockerHost = DockerPrerequisites.DockerHost,
            Registry = DockerPrerequisites.Registry,
            ListenerAddress = $"127.0.0.1:{FreePort.Next()}",
            TestListenerAddress = $"127.0.0.1:{FreePort.Next()}",
            TimeScale = 0.1,
            PollInterval = TimeSpan.FromMilliseconds(250),
            TargetHealthCheckInterval = TimeSpan.FromSeconds(5),
            // Scaled, the whole 0.5 s interval: the default 2 s would leave a healthy task 0.2 s to answer, which a
            // busy 2-core machine can miss twice in a row, draining a target a test expects to keep serving.
            TargetHealthCheckTimeout = TimeSpan.FromSeconds(5),
            DeregistrationDelay = TimeSpan.FromSeconds(10),
            Metrics = metrics,
        };
        var stack = new LocalEcsStack(options, image) { _logging = logging };
        await stack.StartServerAsync();
        return stack;
    }

    /// <summary>Stops LocalEcs the way SIGTERM does (containers keep running) and starts it again on the same state.</summary>
    public async Task RestartAsync()
    {
        await StopServerAsync();
        await StartServerAsync();
    }

    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            Aws.Dispose();
            await _server.DisposeAsync();
            _server = null;
        }
    }

    public async Task StartServerAsync()
    {
        _server = await LocalEcsServer.StartAsync(Options, _logging);
        Aws = new AwsJsonClient(_server.Endpoint);
    }

    /// <summary>Containers this LocalEcs owns, as Docker lists them.</summary>
    public async Task<IList<ContainerListResponse>> ContainersAsync(bool all = false)
    {
        using var docker = DockerClientFactory.Create(Options.DockerHost);
        var instance = new StateFiles(Options.StateDirectory).ReadOrCreateInstanceId();
        return await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = all,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Instance}={instance}"] = true } },
        });
    }

    public async Task<string> RegisterAsync(string version, string extraEnvironment = "")
    {
        var result = await Aws.EcsAsync("RegisterTaskDefinition", """
            {"family": "autopr", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "1024", "memory": "512",
             "containerDefinitions": [{"name": "web", "image": "@IMAGE@", "essential": true,
               "portMappings": [{"containerPort": 8000, "protocol": "tcp"}],
               "environment": [{"name": "AUTOPR_VERSION", "value": "@VERSION@"}, {"name": "SHUTDOWN_DRAIN_SECONDS", "value": "1"}@EXTRA@],
               "healthCheck": {"command": ["CMD", "/app/AutoPR.Service", "healthcheck"], "interval": 10, "timeout": 5, "retries": 3, "startPeriod": 60}}]}
            """.Replace("@IMAGE@", Image, StringComparison.Ordinal).Replace("@VERSION@", version, StringComparison.Ordinal).Replace("@EXTRA@", extraEnvironment, StringComparison.Ordinal));
        return result["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
    }

    public async Task CreateServiceAsync(string taskDefinition, int desired, string strategy = "ROLLING", int bakeMinutes = 0, int graceSeconds = 120)
    {
        await Aws.EcsAsync("CreateCluster", $$"""{"clusterName": "{{Cluster}}"}""");
        await Aws.EcsAsync("CreateService", """
            {"cluster": "@CLUSTER@", "serviceName": "@SERVICE@", "taskDefinition": "@TD@", "desiredCount": @DESIRED@,
             "launchType": "FARGATE", "healthCheckGracePeriodSeconds": @GRACE@,
             "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-local"], "assignPublicIp": "DISABLED"}},
             "loadBalancers": [{"targetGroupArn": "@TG@", "containerName": "web", "containerPort": 8000,
               "advancedConfiguration": {"alternateTargetGroupArn": "@ALT@", "productionListenerRule": "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/autopr/1/2/3", "roleArn": "arn:aws:iam::000000000000:role/ecs"}}],
             "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100, "strategy": "@STRATEGY@", "bakeTimeInMinutes": @BAKE@,
               "deploymentCircuitBreaker": {"enable": true, "rollback": true}}}
            """.Replace("@CLUSTER@", Cluster, StringComparison.Ordinal).Replace("@SERVICE@", Service, StringComparison.Ordinal)
            .Replace("@TD@", taskDefinition, StringComparison.Ordinal).Replace("@DESIRED@", desired.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@TG@", TargetGroup, StringComparison.Ordinal).Replace("@ALT@", AlternateTargetGroup, StringComparison.Ordinal)
            .Replace("@STRATEGY@", strategy, StringComparison.Ordinal).Replace("@GRACE@", graceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("@BAKE@", bakeMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    public Task<JsonObject> UpdateServiceAsync(string taskDefinition) =>
        Aws.EcsAsync("UpdateService", $$"""{"cluster": "{{Cluster}}", "service": "{{Service}}", "taskDefinition": "{{taskDefinition}}"}""");

    public async Task<JsonObject> DescribeServiceAsync() =>
        (await Aws.EcsAsync("DescribeServices", $$"""{"cluster": "{{Cluster}}", "services": ["{{Service}}"]}"""))["services"]![0]!.AsObject();

    public async Task<JsonObject> LatestServiceDeploymentAsync()
    {
        var list = await Aws.EcsAsync("ListServiceDeployments", $$"""{"cluster": "{{Cluster}}", "service": "{{Service}}"}""");
        var arn = list["serviceDeployments"]![0]!["serviceDeploymentArn"]!.GetValue<string>();
        return (await Aws.EcsAsync("DescribeServiceDeployments", $$"""{"serviceDeploymentArns": ["{{arn}}"]}"""))["serviceDeployments"]![0]!.AsObject();
    }

    /// <summary>Polls the latest service deployment until it finishes (bounded), returning it.</summary>
    public async Task<JsonObject> WaitForServiceDeploymentAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var deployment = await LatestServiceDeploymentAsync();
            var status = deployment["status"]!.GetValue<string>();
            if (status is "SUCCESSFUL" or "STOPPED" or "ROLLBACK_SUCCESSFUL" or "ROLLBACK_FAILED")
            {
                return deployment;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                var service = await DescribeServiceAsync();
                throw new TimeoutException($"Service deployment still {status} after {timeout}; events: {string.Join(" | ", service["events"]!.AsArray().Take(8).Select(e => e!["message"]))}");
            }

            await Task.Delay(250);
        }
    }

    public async Task<string> VersionThroughListenerAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var json = JsonNode.Parse(await http.GetStringAsync(new Uri(Listener, "/version")))!;
        return json["version"]!.GetValue<string>();
    }

    /// <summary>Every task of the service that is not stopped, as the admin status endpoint shows it: id, address and target health.</summary>
    public async Task<IReadOnlyList<(string Id, string Address, string? Target, string? TargetReason)>> TasksAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var status = JsonNode.Parse(await http.GetStringAsync(new Uri(Server.Endpoint, "/_localecs/status")))!;
        var service = status["services"]!.AsArray().FirstOrDefault(s => s!["service"]!.GetValue<string>() == Service);
        return service is null ? [] : [.. service["tasks"]!.AsArray().Select(t => (
            t!["id"]!.GetValue<string>(), t["address"]!.GetValue<string>(), t["target"]?.GetValue<string>(), t["targetReason"]?.GetValue<string>()))];
    }

    /// <summary>Removes every container of this stack (the `down` operation) and the state directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        using (var runtime = new DockerTaskRuntime(DockerClientFactory.Create(Options.DockerHost), new StateFiles(Options.StateDirectory).ReadOrCreateInstanceId(), NullLogger<DockerTaskRuntime>.Instance))
        {
            await runtime.RemoveAllAsync(CancellationToken.None);
        }

        Directory.Delete(Options.StateDirectory, recursive: true);
    }
}
