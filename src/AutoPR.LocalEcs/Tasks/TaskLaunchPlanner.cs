using System.Globalization;
using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.Ssm;
using AutoPR.LocalEcs.TaskMetadata;

namespace AutoPR.LocalEcs.Tasks;

/// <summary>
/// Turns a task definition into Docker launch specs: environment, secrets from the local parameter store,
/// fault variables, the task metadata endpoint (ECS_CONTAINER_METADATA_URI_V4), the task's own address
/// (BIND_ADDRESS) and port (PORT), limits and health checks.
/// </summary>
public sealed class TaskLaunchPlanner(LocalEcsOptions options, ParameterStore parameters, ApiEndpoint api)
{
    private static readonly TimeSpan MinimumCheckInterval = TimeSpan.FromSeconds(1);

    public TaskLaunchSpec Plan(TaskRecord task, TaskDefinitionRecord definition, IReadOnlyDictionary<string, string> faultEnvironment)
    {
        var containers = definition.Definition["containerDefinitions"]!.AsArray().OfType<JsonObject>().ToList();
        var taskCpu = ParseInt(task.Overrides?.Cpu is { } cpu ? JsonValue.Create(cpu) : definition.Definition["cpu"]);
        var taskMemory = ParseInt(task.Overrides?.Memory is { } memory ? JsonValue.Create(memory) : definition.Definition["memory"]);
        var specs = containers.Select(c => PlanContainer(task, c, containers.Count == 1 ? taskCpu : null, containers.Count == 1 ? taskMemory : null, faultEnvironment)).ToList();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ContainerLabels.Cluster] = task.ClusterName,
            [ContainerLabels.TaskDefinition] = task.TaskDefinitionArn,
            [ContainerLabels.EcsTaskArn] = task.Arn,
        };
        if (task.ServiceName is not null)
        {
            labels[ContainerLabels.Service] = task.ServiceName;
        }

        if (task.StartedBy is not null)
        {
            labels[ContainerLabels.Deployment] = task.StartedBy;
        }

        return new TaskLaunchSpec(task.Id, task.Address, specs, labels);
    }

    private ContainerLaunchSpec PlanContainer(TaskRecord task, JsonObject container, int? taskCpu, int? taskMemory, IReadOnlyDictionary<string, string> faultEnvironment)
    {
        var name = container["name"]!.GetValue<string>();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container["environment"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (variable["name"]?.GetValue<string>() is { } key)
            {
                environment[key] = variable["value"]?.GetValue<string>() ?? string.Empty;
            }
        }

        foreach (var secret in container["secrets"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var key = secret["name"]?.GetValue<string>() ?? string.Empty;
            var valueFrom = secret["valueFrom"]?.GetValue<string>() ?? string.Empty;
            environment[key] = parameters.Find(valueFrom)?.Value ?? throw new TaskLaunchException(LaunchFailureReasons.SecretNotFound(ParameterNames.Display(valueFrom)));
        }

        var given = task.Overrides?.ContainerOverrides.FirstOrDefault(o => o.Name == name);
        foreach (var (key, value) in given?.Environment ?? [])
        {
            environment[key] = value;
        }

        foreach (var (key, value) in faultEnvironment)
        {
            environment[key] = value;
        }

        // AWS sets the metadata URI itself, over whatever the task definition says.
        environment[TaskMetadataId.Variable] = TaskMetadataId.Uri(api.Uri, task.Id, name);
        var port = container["portMappings"]?.AsArray().OfType<JsonObject>().Select(p => ParseInt(p["containerPort"])).FirstOrDefault(p => p is not null);
        environment["BIND_ADDRESS"] = task.Address;
        if (port is { } containerPort && !environment.ContainsKey("PORT"))
        {
            environment["PORT"] = containerPort.ToString(CultureInfo.InvariantCulture);
        }

        var cpu = given?.Cpu ?? (ParseInt(container["cpu"]) is > 0 and var units ? units : taskCpu);
        var memory = given?.Memory ?? ParseInt(container["memory"]) ?? taskMemory;
        return new ContainerLaunchSpec(
            name,
            container["image"]!.GetValue<string>(),
            Strings(container["entryPoint"]),
            given?.Command ?? Strings(container["command"]),
            environment,
            container["essential"]?.GetValue<bool>() ?? true,
            HealthCheck(container["healthCheck"] as JsonObject),
            cpu is > 0 ? (long)(cpu.Value / 1024.0 * 1_000_000_000) : null,
            memory is > 0 ? memory.Value * 1024L * 1024L : null,
            TimeSpan.FromSeconds(Math.Clamp(ParseInt(container["stopTimeout"]) ?? 30, 2, 120)),
            container["user"]?.GetValue<string>(),
            container["workingDirectory"]?.GetValue<string>());
    }

    private HealthCheckSpec? HealthCheck(JsonObject? check)
    {
        var command = Strings(check?["command"]);
        if (command is not { Count: > 0 } || command[0] == "NONE")
        {
            return null;
        }

        // Intervals and start periods follow --time-scale; the timeout does not, since a probe takes as long as it takes.
        return new HealthCheckSpec(
            command,
            Max(options.Scale(TimeSpan.FromSeconds(ParseInt(check!["interval"]) ?? 30)), MinimumCheckInterval),
            TimeSpan.FromSeconds(ParseInt(check["timeout"]) ?? 5),
            ParseInt(check["retries"]) ?? 3,
            options.Scale(TimeSpan.FromSeconds(ParseInt(check["startPeriod"]) ?? 0)));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static List<string>? Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(n => n?.GetValue<string>() ?? string.Empty)] : null;

    private static int? ParseInt(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out int i) => i,
        JsonValue v when v.TryGetValue(out string? s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
