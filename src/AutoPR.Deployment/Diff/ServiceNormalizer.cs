using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Diff;

/// <summary>
/// Brings the configuration of a rendered service definition and of a DescribeServices result to the same form.
/// Only the members the service definition sets are compared (a describe result is mostly state: counts, events,
/// deployments), which is also exactly what an UpdateService with that definition changes. Defaults ECS reports
/// (strategy ROLLING, 200/100 percent, circuit breaker and alarms off, assignPublicIp DISABLED, propagateTags
/// NONE, platform LATEST, ...) and orderings (subnets, security groups, load balancers) are normalized away.
/// </summary>
public static class ServiceNormalizer
{
    /// <summary>Members that name or identify the service, or only apply on creation: not configuration to compare.</summary>
    public static readonly IReadOnlySet<string> IdentityMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "cluster", "serviceName", "service", "taskDefinition", "tags", "clientToken", "forceNewDeployment",
    };

    /// <summary>The compared configuration of a rendered service definition (CreateService form).</summary>
    public static JsonObject FromDefinition(JsonObject serviceDefinition)
    {
        ArgumentNullException.ThrowIfNull(serviceDefinition);
        var configuration = new JsonObject();
        foreach (var (name, value) in serviceDefinition)
        {
            if (!IdentityMembers.Contains(name))
            {
                // CreateService takes "role"; DescribeServices answers "roleArn".
                configuration[name == "role" ? "roleArn" : name] = value?.DeepClone();
            }
        }

        return Normalize(configuration);
    }

    /// <summary>The same members of a described service (<paramref name="members"/>: those of the rendered definition).</summary>
    public static JsonObject FromDescribed(JsonObject service, IEnumerable<string> members)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(members);
        var configuration = new JsonObject();
        foreach (var name in members)
        {
            if (!IdentityMembers.Contains(name) && service[name] is { } value)
            {
                configuration[name] = value.DeepClone();
            }
        }

        return Normalize(configuration);
    }

    private static JsonObject Normalize(JsonObject configuration)
    {
        if (configuration["deploymentConfiguration"] is JsonObject deployment)
        {
            TaskDefinitionNormalizer.RemoveIf(deployment, "strategy", "ROLLING");
            TaskDefinitionNormalizer.RemoveIf(deployment, "maximumPercent", 200);
            TaskDefinitionNormalizer.RemoveIf(deployment, "minimumHealthyPercent", 100);
            TaskDefinitionNormalizer.RemoveIf(deployment, "bakeTimeInMinutes", 0);
            NormalizeTrafficShift(deployment);
            if (deployment["deploymentCircuitBreaker"] is JsonObject breaker)
            {
                TaskDefinitionNormalizer.RemoveIf(breaker, "enable", false);
                TaskDefinitionNormalizer.RemoveIf(breaker, "rollback", false);
            }

            if (deployment["alarms"] is JsonObject alarms)
            {
                // ECS keeps the names in the order given; which alarms, not their order, is the configuration.
                TaskDefinitionNormalizer.SortStrings(alarms, "alarmNames");
                TaskDefinitionNormalizer.RemoveIf(alarms, "enable", false);
                TaskDefinitionNormalizer.RemoveIf(alarms, "rollback", false);
            }
        }

        if (configuration["networkConfiguration"]?["awsvpcConfiguration"] is JsonObject vpc)
        {
            TaskDefinitionNormalizer.SortStrings(vpc, "subnets");
            TaskDefinitionNormalizer.SortStrings(vpc, "securityGroups");
            TaskDefinitionNormalizer.RemoveIf(vpc, "assignPublicIp", "DISABLED");
        }

        TaskDefinitionNormalizer.SortBy(configuration, "loadBalancers", "targetGroupArn");
        TaskDefinitionNormalizer.SortBy(configuration, "serviceRegistries", "registryArn");
        TaskDefinitionNormalizer.RemoveIf(configuration, "healthCheckGracePeriodSeconds", 0);
        TaskDefinitionNormalizer.RemoveIf(configuration, "propagateTags", "NONE");
        TaskDefinitionNormalizer.RemoveIf(configuration, "enableECSManagedTags", false);
        TaskDefinitionNormalizer.RemoveIf(configuration, "enableExecuteCommand", false);
        TaskDefinitionNormalizer.RemoveIf(configuration, "platformVersion", "LATEST");
        TaskDefinitionNormalizer.RemoveIf(configuration, "schedulingStrategy", "REPLICA");
        if (configuration["deploymentController"] is JsonObject controller)
        {
            TaskDefinitionNormalizer.RemoveIf(controller, "type", "ECS");
        }

        return CanonicalJson.Canonicalize(configuration) as JsonObject ?? [];
    }

    // A strategy's own configuration counts only under that strategy (ECS may keep the other one), and hooks compare
    // as sets of stages without the empty members ECS may echo.
    private static void NormalizeTrafficShift(JsonObject deployment)
    {
        var strategy = deployment["strategy"]?.GetValue<string>();
        if (strategy != "CANARY")
        {
            deployment.Remove("canaryConfiguration");
        }

        if (strategy != "LINEAR")
        {
            deployment.Remove("linearConfiguration");
        }

        if (deployment["lifecycleHooks"] is not JsonArray hooks)
        {
            return;
        }

        if (hooks.Count == 0)
        {
            deployment.Remove("lifecycleHooks");
            return;
        }

        foreach (var hook in hooks.OfType<JsonObject>())
        {
            TaskDefinitionNormalizer.SortStrings(hook, "lifecycleStages");
            if (hook["hookDetails"] is JsonObject { Count: 0 })
            {
                hook.Remove("hookDetails");
            }
        }
    }
}
