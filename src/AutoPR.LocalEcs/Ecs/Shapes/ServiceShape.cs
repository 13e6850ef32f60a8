using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Ecs.Shapes;

/// <summary>DescribeServices' Service shape, with deployments and events.</summary>
public static class ServiceShape
{
    public static JsonObject ToJson(ServiceRecord service, EcsState state, bool includeTags)
    {
        var tasks = state.Tasks.Values.Where(t => t.ClusterName == service.ClusterName && t.ServiceName == service.Name && !t.IsStopped).ToList();
        var json = new JsonObject
        {
            ["serviceArn"] = service.Arn,
            ["serviceName"] = service.Name,
            ["clusterArn"] = service.ClusterArn,
            ["loadBalancers"] = LoadBalancerShape.ToJson(service.LoadBalancers),
            ["serviceRegistries"] = new JsonArray(),
            ["status"] = service.Status,
            ["desiredCount"] = service.DesiredCount,
            ["runningCount"] = tasks.Count(t => t.LastStatus == "RUNNING"),
            ["pendingCount"] = tasks.Count(IsPending),
            ["launchType"] = service.LaunchType,
            ["platformVersion"] = service.PlatformVersion,
            ["platformFamily"] = "Linux",
            ["taskDefinition"] = service.TaskDefinitionArn,
            ["deploymentConfiguration"] = DeploymentSettingsShape.ToJson(service.Deployment),
            ["deployments"] = new JsonArray([.. service.Deployments.Select(d => (JsonNode)DeploymentToJson(d, service, tasks))]),
            ["events"] = new JsonArray([.. service.Events.Select(e => (JsonNode)new JsonObject
            {
                ["id"] = e.Id,
                ["createdAt"] = AwsTime.ToJson(e.CreatedAt),
                ["message"] = e.Message,
            })]),
            ["createdAt"] = AwsTime.ToJson(service.CreatedAt),
            ["placementConstraints"] = new JsonArray(),
            ["placementStrategy"] = new JsonArray(),
            ["schedulingStrategy"] = "REPLICA",
            ["deploymentController"] = new JsonObject { ["type"] = "ECS" },
            ["createdBy"] = "arn:aws:iam::000000000000:root",
            ["enableECSManagedTags"] = service.EnableEcsManagedTags,
            ["propagateTags"] = service.PropagateTags,
            ["enableExecuteCommand"] = service.EnableExecuteCommand,
            ["availabilityZoneRebalancing"] = "DISABLED",
        };
        if (service.HealthCheckGracePeriodSeconds is { } grace)
        {
            json["healthCheckGracePeriodSeconds"] = grace;
        }

        if (service.NetworkConfiguration is not null)
        {
            json["networkConfiguration"] = service.NetworkConfiguration.DeepClone();
        }

        if (service.ServiceDeployments.FirstOrDefault() is { } current)
        {
            json["currentServiceDeployment"] = current.Arn;
        }

        json["currentServiceRevisions"] = new JsonArray([.. service.Deployments
            .Where(d => d.Status != "INACTIVE")
            .Select(d => (JsonNode)new JsonObject
            {
                ["arn"] = d.ServiceRevisionArn,
                ["requestedTaskCount"] = d.DesiredCount,
                ["runningTaskCount"] = tasks.Count(t => t.StartedBy == d.Id && t.LastStatus == "RUNNING"),
                ["pendingTaskCount"] = tasks.Count(t => t.StartedBy == d.Id && IsPending(t)),
            })]);
        if (includeTags)
        {
            json["tags"] = TagShape.ToJson(state.Tags.GetValueOrDefault(service.Arn));
        }

        return json;
    }

    public static bool IsPending(TaskRecord task) => task.LastStatus is "PROVISIONING" or "PENDING" or "ACTIVATING";

    private static JsonObject DeploymentToJson(DeploymentRecord deployment, ServiceRecord service, List<TaskRecord> tasks)
    {
        var own = tasks.Where(t => t.StartedBy == deployment.Id).ToList();
        var json = new JsonObject
        {
            ["id"] = deployment.Id,
            ["status"] = deployment.Status,
            ["taskDefinition"] = deployment.TaskDefinitionArn,
            ["desiredCount"] = deployment.DesiredCount,
            ["pendingCount"] = own.Count(IsPending),
            ["runningCount"] = own.Count(t => t.LastStatus == "RUNNING"),
            ["failedTasks"] = deployment.FailedTasks,
            ["createdAt"] = AwsTime.ToJson(deployment.CreatedAt),
            ["updatedAt"] = AwsTime.ToJson(deployment.UpdatedAt),
            ["launchType"] = service.LaunchType,
            ["platformVersion"] = "1.4.0",
            ["platformFamily"] = "Linux",
            ["rolloutState"] = deployment.RolloutState,
        };
        if (deployment.RolloutStateReason is not null)
        {
            json["rolloutStateReason"] = deployment.RolloutStateReason;
        }

        if (service.NetworkConfiguration is not null)
        {
            json["networkConfiguration"] = service.NetworkConfiguration.DeepClone();
        }

        return json;
    }
}
