using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Ecs;

/// <summary>Finds resources by name or ARN and raises ECS's not-found errors.</summary>
public static class EcsLookup
{
    public static ClusterRecord Cluster(EcsState state, string? clusterNameOrArn)
    {
        var name = EcsNames.ClusterName(clusterNameOrArn);
        return state.Clusters.TryGetValue(name, out var cluster) && cluster.Status == "ACTIVE"
            ? cluster
            : throw new AwsServiceException("ClusterNotFoundException", "Cluster not found.");
    }

    public static ServiceRecord? FindService(EcsState state, ClusterRecord cluster, string serviceNameOrArn) =>
        state.Services.GetValueOrDefault(EcsState.ServiceKey(cluster.Name, EcsNames.NameOf(serviceNameOrArn)));

    /// <summary>An ACTIVE or DRAINING service; ServiceNotFoundException otherwise.</summary>
    public static ServiceRecord Service(EcsState state, ClusterRecord cluster, string serviceNameOrArn) =>
        FindService(state, cluster, serviceNameOrArn) is { Status: not "INACTIVE" } service
            ? service
            : throw new AwsServiceException("ServiceNotFoundException", "Service not found.");

    public static TaskDefinitionRecord? FindTaskDefinition(EcsState state, string value)
    {
        var (family, revision) = EcsNames.ParseTaskDefinition(value);
        if (!state.TaskDefinitions.TryGetValue(family, out var revisions))
        {
            return null;
        }

        return revision is { } number
            ? revisions.FirstOrDefault(r => r.Revision == number)
            : revisions.LastOrDefault(r => r.Status == "ACTIVE");
    }

    public static TaskDefinitionRecord TaskDefinition(EcsState state, string value) =>
        FindTaskDefinition(state, value) ?? throw new AwsServiceException("ClientException", "Unable to describe task definition.");

    public static TaskRecord Task(EcsState state, ClusterRecord cluster, string taskIdOrArn) =>
        state.Tasks.TryGetValue(EcsNames.NameOf(taskIdOrArn), out var task) && task.ClusterName == cluster.Name
            ? task
            : throw new AwsServiceException("InvalidParameterException", "The referenced task was not found.");

    /// <summary>The service deployment with this ARN, and its service.</summary>
    public static (ServiceRecord Service, ServiceDeploymentRecord Deployment)? FindServiceDeployment(EcsState state, string arn)
    {
        foreach (var service in state.Services.Values)
        {
            if (service.ServiceDeployments.FirstOrDefault(d => d.Arn == arn) is { } deployment)
            {
                return (service, deployment);
            }
        }

        return null;
    }
}
