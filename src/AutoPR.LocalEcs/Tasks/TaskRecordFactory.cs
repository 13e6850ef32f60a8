using System.Globalization;
using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Ecs;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Logs;

namespace AutoPR.LocalEcs.Tasks;

/// <summary>
/// The ECS record of a new task of a task definition (PROVISIONING, with its own loopback address and its
/// containers), the same for service tasks and standalone ones; the caller fills in who started it.
/// </summary>
public sealed class TaskRecordFactory(EcsNames names, TaskAddressAllocator addresses)
{
    public TaskRecord Create(EcsState state, TaskDefinitionRecord definition, string clusterName, string clusterArn, DateTimeOffset now)
    {
        var id = EcsNames.NewTaskId();
        var taken = state.Tasks.Values.Select(t => t.Address).ToHashSet(StringComparer.Ordinal);
        var containers = definition.Definition["containerDefinitions"]!.AsArray().OfType<JsonObject>().ToList();
        var ports = containers.SelectMany(c => c["portMappings"]?.AsArray().OfType<JsonObject>() ?? [])
            .Select(p => p["containerPort"]?.GetValue<int>()).OfType<int>().ToHashSet();
        return new TaskRecord
        {
            Id = id,
            Arn = names.TaskArn(clusterName, id),
            ClusterName = clusterName,
            ClusterArn = clusterArn,
            TaskDefinitionArn = definition.Arn,
            Address = addresses.Next(taken, ports),
            Cpu = definition.Definition["cpu"]?.ToString(),
            Memory = definition.Definition["memory"]?.ToString(),
            CreatedAt = now,
            Containers = [.. containers.Select(c => Container(c, id))],
        };
    }

    private static TaskContainerRecord Container(JsonObject container, string taskId)
    {
        var logs = AwsLogsTarget.For(container, taskId);
        return new TaskContainerRecord
        {
            Name = container["name"]!.GetValue<string>(),
            Image = container["image"]!.GetValue<string>(),
            Essential = container["essential"]?.GetValue<bool>() ?? true,
            HasHealthCheck = container["healthCheck"]?["command"] is JsonArray { Count: > 0 } command && command[0]?.GetValue<string>() != "NONE",
            ContainerPort = container["portMappings"]?.AsArray().OfType<JsonObject>().Select(p => p["containerPort"]?.GetValue<int>()).FirstOrDefault(),
            Cpu = container["cpu"]?.GetValue<int>(),
            Memory = container["memory"]?.GetValue<int>(),
            StopTimeoutSeconds = Math.Clamp(StopTimeout(container["stopTimeout"]) ?? 30, 2, 120),
            LogGroup = logs?.Group,
            LogStream = logs?.Stream,
        };
    }

    private static int? StopTimeout(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out int i) => i,
        JsonValue v when v.TryGetValue(out string? s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
