using AutoPR.LocalEcs.Ecs;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Tasks;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>Creates the ECS record of a new service task (PROVISIONING, with its own loopback address).</summary>
public sealed class ServiceTaskFactory(TaskRecordFactory records)
{
    public TaskRecord Create(ReconcilePass pass, ServiceRecord service, DeploymentRecord deployment)
    {
        var definition = EcsLookup.TaskDefinition(pass.State, deployment.TaskDefinitionArn);
        var task = records.Create(pass.State, definition, service.ClusterName, service.ClusterArn, pass.Now);
        task.ServiceName = service.Name;
        task.StartedBy = deployment.Id;
        task.Group = "service:" + service.Name;
        if (service.PropagateTags == "SERVICE" && pass.State.Tags.TryGetValue(service.Arn, out var tags))
        {
            task.Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        }

        pass.State.Tasks[task.Id] = task;
        pass.Events(service).Started.Add(task.Id);
        return task;
    }
}
