using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Deployments;
using AutoPR.LocalEcs.Ecs;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Ecs.Operations;
using AutoPR.LocalEcs.Faults;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.Metrics;
using AutoPR.LocalEcs.Metrics.Alarms;
using AutoPR.LocalEcs.Ssm;
using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Ports;
using AutoPR.LocalEcs.State;
using AutoPR.LocalEcs.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.LocalEcs.Tests.Fakes;

/// <summary>The ECS operations and the reconciler over fake Docker, a fake load balancer and a fake clock.</summary>
public sealed class EcsHarness : IDisposable
{
    public const string Cluster = "autopr-local";
    public const string Service = "autopr";
    public const string TargetGroup = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr/0123456789abcdef";
    public const string AlternateTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr-green/fedcba9876543210";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "localecs-unit-" + Guid.NewGuid().ToString("N"));

    public EcsHarness()
    {
        Directory.CreateDirectory(_directory);
        Options = new LocalEcsOptions { StateDirectory = _directory, DeregistrationDelay = TimeSpan.FromSeconds(5) };
        Metrics = new MetricRecorder(Time);
        Build();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public LocalEcsOptions Options { get; }

    /// <summary>The API address the planner writes into ECS_CONTAINER_METADATA_URI_V4 (nothing listens there).</summary>
    public ApiEndpoint Api { get; } = Listening(new Uri("http://127.0.0.1:4566/"));

    public EcsStore Store { get; private set; } = null!;

    public FakeTaskRuntime Runtime { get; } = new();

    public FakeLoadBalancer LoadBalancer { get; private set; } = new();

    public TaskFaults Faults { get; } = new();

    /// <summary>What listens on the machine, as the address allocator and stop reasons see it: nothing unless a test says so.</summary>
    public FakeListeningSockets Sockets { get; } = new();

    public FakeProcessTable Processes { get; } = new();

    public Reconciler Reconciler { get; private set; } = null!;

    public ClusterOperations Clusters { get; private set; } = null!;

    public TaskDefinitionOperations TaskDefinitions { get; private set; } = null!;

    public ServiceOperations Services { get; private set; } = null!;

    public TaskOperations Tasks { get; private set; } = null!;

    public RunTaskOperation RunTask { get; private set; } = null!;

    public ServiceDeploymentOperations ServiceDeployments { get; private set; } = null!;

    public LifecycleHookOperations LifecycleHooks { get; private set; } = null!;

    /// <summary>The listeners' request samples (the fake load balancer records none: tests record what they need).</summary>
    public MetricRecorder Metrics { get; }

    public AlarmStore Alarms { get; private set; } = null!;

    public AlarmOperations AlarmApi { get; private set; } = null!;

    /// <summary>One evaluation of every alarm at the fake clock's time (LocalEcs does this every poll interval).</summary>
    public int EvaluateAlarms() =>
        new AlarmEvaluatorService(Alarms, Metrics, Options, Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<AlarmEvaluatorService>.Instance).EvaluateAll();

    public static Task<JsonObject> CallAsync(AwsOperationHandler operation, string json) =>
        operation(new JsonArgs(JsonNode.Parse(json)!.AsObject()), CancellationToken.None);

    public async Task<string> RegisterAsync(string image, string extraEnvironment = "", bool healthCheck = true)
    {
        var check = healthCheck ? """, "healthCheck": {"command": ["CMD", "/app/AutoPR.Service", "healthcheck"], "interval": 5, "retries": 2}""" : string.Empty;
        var result = await CallAsync(TaskDefinitions.RegisterAsync, $$"""
            {"family": "autopr", "cpu": "256", "memory": "512", "networkMode": "awsvpc",
             "containerDefinitions": [{"name": "web", "image": "{{image}}", "portMappings": [{"containerPort": 8000}],
               "environment": [{"name": "A", "value": "1"}{{extraEnvironment}}]{{check}}}]}
            """);
        return result["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
    }

    /// <param name="deploymentExtras">More deploymentConfiguration members, as JSON that starts with a comma.</param>
    /// <param name="testListener">The load balancer has a testListenerRule, so the service gets a test listener.</param>
    public async Task CreateServiceAsync(string taskDefinition, int desired, string strategy = "ROLLING", int? bakeMinutes = null, bool loadBalancer = true, string deploymentExtras = "", bool testListener = false)
    {
        await CallAsync(Clusters.CreateClusterAsync, $$"""{"clusterName": "{{Cluster}}"}""");
        var testRule = testListener ? """, "testListenerRule": "test-rule" """ : string.Empty;
        var lb = loadBalancer
            ? $$$""", "loadBalancers": [{"targetGroupArn": "{{{TargetGroup}}}", "containerName": "web", "containerPort": 8000, "advancedConfiguration": {"alternateTargetGroupArn": "{{{AlternateTargetGroup}}}", "productionListenerRule": "rule"{{{testRule}}}, "roleArn": "role"}}]"""
            : string.Empty;
        var bake = bakeMinutes is { } minutes ? $", \"bakeTimeInMinutes\": {minutes}" : string.Empty;
        await CallAsync(Services.CreateAsync, $$$"""
            {"cluster": "{{{Cluster}}}", "serviceName": "{{{Service}}}", "taskDefinition": "{{{taskDefinition}}}", "desiredCount": {{{desired}}},
             "healthCheckGracePeriodSeconds": 10,
             "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100, "strategy": "{{{strategy}}}"{{{bake}}}{{{deploymentExtras}}},
               "deploymentCircuitBreaker": {"enable": true, "rollback": true}}{{{lb}}}}
            """);
    }

    public Task<JsonObject> UpdateServiceAsync(string taskDefinition) =>
        CallAsync(Services.UpdateAsync, $$"""{"cluster": "{{Cluster}}", "service": "{{Service}}", "taskDefinition": "{{taskDefinition}}"}""");

    public Task<ServiceRecord> ServiceAsync() => Store.ReadAsync(s => s.Services[EcsState.ServiceKey(Cluster, Service)], CancellationToken.None);

    public Task<List<TaskRecord>> LiveTasksAsync() => Store.ReadAsync(s => s.Tasks.Values.Where(t => !t.IsStopped).ToList(), CancellationToken.None);

    /// <summary>One reconciler pass one second later, with its background Docker work finished.</summary>
    public async Task StepAsync(TimeSpan? advance = null)
    {
        Time.Advance(advance ?? TimeSpan.FromSeconds(1));
        await Reconciler.TickAsync(CancellationToken.None);
        await Reconciler.WhenIdleAsync();
    }

    /// <summary>Steps until the condition holds; <paramref name="each"/> checks invariants after every pass.</summary>
    public async Task RunUntilAsync(Func<ServiceRecord, bool> done, int maxSteps = 300, Func<Task>? each = null)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            await StepAsync();
            if (each is not null)
            {
                await each();
            }

            if (done(await ServiceAsync()))
            {
                return;
            }
        }

        var service = await ServiceAsync();
        throw new TimeoutException($"Condition not reached in {maxSteps} passes; deployments: {string.Join(", ", service.Deployments.Select(d => $"{d.Id} {d.Status} {d.RolloutState} failed={d.FailedTasks}"))}; last events: {string.Join(" | ", service.Events.Take(5).Select(e => e.Message))}");
    }

    /// <summary>Simulates a LocalEcs restart: state reloaded from disk, a new reconciler and an empty load balancer; Docker keeps its containers.</summary>
    public void Restart()
    {
        Reconciler.Dispose();
        Store.Dispose();
        LoadBalancer = new FakeLoadBalancer { HealthOnRegistration = LoadBalancer.HealthOnRegistration };
        Build();
    }

    public void Dispose()
    {
        Reconciler.Dispose();
        Store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Build()
    {
        Store = new EcsStore(Path.Combine(_directory, "state.json"));
        var names = new EcsNames(Options);
        Clusters = new ClusterOperations(Store, names);
        TaskDefinitions = new TaskDefinitionOperations(Store, names, Time);
        Services = new ServiceOperations(Store, names, Time, new DeploymentStarter(names, Time), new ListenerAllocator(Options));
        Tasks = new TaskOperations(Store, names, Time);
        RunTask = new RunTaskOperation(Store, new TaskRecordFactory(names, new TaskAddressAllocator(Ports)), Time);
        ServiceDeployments = new ServiceDeploymentOperations(Store, Time);
        LifecycleHooks = new LifecycleHookOperations(Store, Time);
        Alarms = new AlarmStore(new StateFiles(_directory));
        AlarmApi = new AlarmOperations(Alarms, Options, Time);
        Reconciler = NewReconciler();
    }

    private Reconciler NewReconciler() => new(
        Store,
        Runtime,
        LoadBalancer,
        new TaskLaunchPlanner(Options, new ParameterStore(new StateFiles(_directory)), Api),
        Faults,
        new ServiceScheduler(new ServiceTaskFactory(new TaskRecordFactory(new EcsNames(Options), new TaskAddressAllocator(Ports))), Alarms),
        Options,
        Time,
        Ports);

    private PortHolders Ports => new(Sockets, Processes);

    private static ApiEndpoint Listening(Uri uri)
    {
        var api = new ApiEndpoint();
        api.SetListening(uri);
        return api;
    }
}

/// <summary>Task definitions with secrets, for the secret tests.</summary>
public static class EcsHarnessSecrets
{
    public static async Task<string> CallAsyncRegisterWithSecret(this EcsHarness ecs, string parameter)
    {
        var result = await EcsHarness.CallAsync(ecs.TaskDefinitions.RegisterAsync, $$"""
            {"family": "autopr", "containerDefinitions": [{"name": "web", "image": "app:secret", "portMappings": [{"containerPort": 8000}],
              "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:000000000000:parameter{{parameter}}"}]}]}
            """);
        return result["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
    }
}
