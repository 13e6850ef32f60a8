using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Environments;

namespace AutoPR.Deployment.Templates;

/// <summary>The task definition and service definition of one environment and release, ready to send to ECS.</summary>
public sealed record RenderedDeployment(DeploymentEnvironment Environment, ReleaseInfo Release, JsonObject TaskDefinition, JsonObject ServiceDefinition)
{
    /// <summary>
    /// The UpdateService members (ECS API model): everything else in the service definition only applies when the
    /// service is created (serviceName becomes "service").
    /// </summary>
    public static readonly IReadOnlySet<string> UpdatableMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "availabilityZoneRebalancing", "capacityProviderStrategy", "cluster", "deploymentConfiguration", "desiredCount",
        "enableECSManagedTags", "enableExecuteCommand", "healthCheckGracePeriodSeconds", "loadBalancers", "networkConfiguration",
        "placementConstraints", "placementStrategy", "platformVersion", "propagateTags", "serviceConnectConfiguration",
        "serviceRegistries", "volumeConfigurations", "vpcLatticeConfigurations",
    };

    /// <summary>The task-definition family.</summary>
    public string Family => JsonRead.GetString(TaskDefinition, "family")!;

    /// <summary>The cluster of the service.</summary>
    public string Cluster => JsonRead.GetString(ServiceDefinition, "cluster")!;

    /// <summary>The service name.</summary>
    public string ServiceName => JsonRead.GetString(ServiceDefinition, "serviceName")!;

    /// <summary>A RegisterTaskDefinition request (a copy; the rendered document is never changed).</summary>
    public JsonObject RegisterTaskDefinitionRequest() => (JsonObject)TaskDefinition.DeepClone();

    /// <summary>A CreateService request running <paramref name="taskDefinitionArn"/>.</summary>
    public JsonObject CreateServiceRequest(string taskDefinitionArn)
    {
        var request = (JsonObject)ServiceDefinition.DeepClone();
        request["taskDefinition"] = taskDefinitionArn;
        return request;
    }

    /// <summary>An UpdateService request moving the service to <paramref name="taskDefinitionArn"/> with the rendered configuration.</summary>
    public JsonObject UpdateServiceRequest(string taskDefinitionArn)
    {
        var request = new JsonObject();
        foreach (var (name, value) in ServiceDefinition)
        {
            if (UpdatableMembers.Contains(name))
            {
                request[name] = value?.DeepClone();
            }
        }

        request["service"] = ServiceName;
        request["taskDefinition"] = taskDefinitionArn;
        return request;
    }
}
