using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Ecs;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Tasks;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>Creates the ECS record of a new service task (PROVISIONING, with its own loopback address).</summary>
public sealed class ServiceTaskFactory(EcsNames names, TaskAddressAllocator addresses)
{
    public TaskRecord Create(ReconcilePass pass, ServiceRecord service, DeploymentRecord deployment)
    {
        var definition = EcsLookup.TaskDefinition(pass.State, deployment.TaskDefinitionArn);
        var id = EcsNames.NewTaskId();
        var taken = pass.State.Tasks.Values.Select(t => t.Address).ToHashSet(StringComparer.Ordinal);
        var containers = definition.Definition["containerDefinitions"]!.AsArray().OfType<JsonObject>().ToList();
        var ports = containers.SelectMany(c => c["portMappings"]?.AsArray().OfType<JsonObject>() ?? [])
            .Select(p => p["containerPort"]?.GetValue<int>()).OfType<int>().ToHashSet();
        var task = new TaskRecord
        {
            Id = id,
            Arn = names.TaskArn(service.ClusterName, id),
            ClusterName = service.ClusterName,
            ClusterArn = service.ClusterArn,
            ServiceName = service.Name,
            StartedBy = deployment.Id,
            Group = "service:" + service.Name,
            TaskDefinitionArn = definition.Arn,
            Address = addresses.Next(taken, ports),
            Cpu = definition.Definition["cpu"]?.ToString(),
            Memory = definition.Definition["memory"]?.ToString(),
            CreatedAt = pass.Now,
            Containers = [.. containers.Select(c => new TaskContainerRecord
            {
                Name = c["name"]!.GetValue<string>(),
                Image = c["image"]!.GetValue<string>(),
                Essential = c["essential"]?.GetValue<bool>() ?? true,
                HasHealthCheck = c["healthCheck"]?["command"] is JsonArray { Count: > 0 } command && command[0]?.GetValue<string>() != "NONE",
                ContainerPort = c["portMappings"]?.AsArray().OfType<JsonObject>().Select(p => p["containerPort"]?.GetValue<int>()).FirstOrDefault(),
                Cpu = c["cpu"]?.GetValue<int>(),
                Memory = c["memory"]?.GetValue<int>(),
            })],
        };
        if (service.PropagateTags == "SERVICE" && pass.State.Tags.TryGetValue(service.Arn, out var tags))
        {
            task.Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        }

        pass.State.Tasks[id] = task;
        pass.Events(service).Started.Add(id);
        return task;
    }
}
