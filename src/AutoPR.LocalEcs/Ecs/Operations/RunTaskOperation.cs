using System.Globalization;
using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Ecs.Shapes;
using AutoPR.LocalEcs.State;
using AutoPR.LocalEcs.Tasks;

namespace AutoPR.LocalEcs.Ecs.Operations;

/// <summary>
/// RunTask: standalone tasks of a task definition, with overrides. They belong to no service; the reconciler
/// launches them like service tasks and stops them only when they exit or StopTask asks.
/// </summary>
public sealed class RunTaskOperation(EcsStore store, TaskRecordFactory records, TimeProvider time)
{
    public Task<JsonObject> RunAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var cluster = EcsLookup.Cluster(state, request.Text("cluster"));
            var definition = Definition(state, request.RequiredText("taskDefinition"));
            var count = request.WholeNumber("count") ?? 1;
            if (count is < 1 or > 10)
            {
                throw request.Invalid("count must be between 1 and 10.");
            }

            if (request.Text("startedBy") is { Length: > 128 })
            {
                throw request.Invalid("startedBy may be up to 128 characters.");
            }

            var overrides = Overrides(request, definition);
            var tags = request.Array("tags")?.OfType<JsonObject>()
                .ToDictionary(t => t["key"]?.GetValue<string>() ?? string.Empty, t => t["value"]?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal)
                ?? new Dictionary<string, string>(StringComparer.Ordinal);
            var tasks = new JsonArray();
            for (var i = 0; i < count; i++)
            {
                var task = records.Create(state, definition, cluster.Name, cluster.Arn, time.GetUtcNow());
                task.StartedBy = request.Text("startedBy");
                task.Group = request.Text("group") ?? "family:" + definition.Family;
                task.Overrides = overrides;
                task.Cpu = overrides?.Cpu ?? task.Cpu;
                task.Memory = overrides?.Memory ?? task.Memory;
                task.Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
                state.Tasks[task.Id] = task;
                tasks.Add(TaskShape.ToJson(task, state, includeTags: tags.Count > 0));
            }

            return new JsonObject { ["tasks"] = tasks, ["failures"] = new JsonArray() };
        }, cancellationToken);

    private static TaskDefinitionRecord Definition(EcsState state, string value)
    {
        var definition = EcsLookup.FindTaskDefinition(state, value)
            ?? throw new AwsServiceException("ClientException", "Unable to describe task definition.");
        return definition.Status == "ACTIVE"
            ? definition
            : throw new AwsServiceException("ClientException", $"TaskDefinition is inactive ({definition.Family}:{definition.Revision.ToString(CultureInfo.InvariantCulture)}).");
    }

    private static TaskOverridesRecord? Overrides(JsonArgs request, TaskDefinitionRecord definition)
    {
        if (request.Nested("overrides") is not { } overrides)
        {
            return null;
        }

        var names = definition.Definition["containerDefinitions"]!.AsArray().OfType<JsonObject>().Select(c => c["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var record = new TaskOverridesRecord { Cpu = overrides.Text("cpu"), Memory = overrides.Text("memory") };
        foreach (var item in overrides.Array("containerOverrides")?.OfType<JsonObject>() ?? [])
        {
            var container = new JsonArgs(item, "InvalidParameterException");
            var name = container.RequiredText("name");
            if (!names.Contains(name))
            {
                throw request.Invalid($"Override for container named {name} is not a container in the TaskDefinition.");
            }

            record.ContainerOverrides.Add(new ContainerOverrideRecord
            {
                Name = name,
                Command = container.Has("command") ? [.. container.Texts("command")] : null,
                Environment = [.. (container.Array("environment")?.OfType<JsonObject>() ?? [])
                    .Select(e => new KeyValuePair<string, string>(e["name"]?.GetValue<string>() ?? string.Empty, e["value"]?.GetValue<string>() ?? string.Empty))],
                Cpu = container.WholeNumber("cpu"),
                Memory = container.WholeNumber("memory"),
            });
        }

        return record;
    }
}
