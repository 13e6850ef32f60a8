using System.Text.Json.Nodes;
using AutoPR.Deployment.Environments;

namespace AutoPR.Deployment.Templates;

/// <summary>
/// The values templates may use, derived from an environment and a release. A null value means the environment
/// does not set it (write <c>{{ name? }}</c> to leave the member out then). Values have the JSON type ECS expects
/// (task cpu and memory are strings, counts are numbers).
/// </summary>
public static class TemplateValues
{
    /// <summary>Variables the deployment sets in the container; an environment file must not set them itself.</summary>
    public static readonly IReadOnlyList<string> ReservedVariables = ["LOG_LEVEL", "ENVIRONMENT", "AUTOPR_REVISION", "AUTOPR_VERSION", "AUTOPR_IMAGE_TAG"];

    /// <summary>The tag asking LocalEcs for a service's listener address (host:port).</summary>
    public const string LocalListenerTag = "localecs:listener";

    /// <summary>The tag asking LocalEcs for a service's test listener address (host:port).</summary>
    public const string LocalTestListenerTag = "localecs:test-listener";

    /// <summary>The task-definition family of an environment: SERVICE-ENVIRONMENT, so environments sharing an account never share revisions.</summary>
    public static string Family(DeploymentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return $"{environment.Service}-{environment.Name}";
    }

    /// <summary>Every value, by placeholder name.</summary>
    public static IReadOnlyDictionary<string, JsonNode?> Create(DeploymentEnvironment environment, ReleaseInfo release)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(release);
        var deployment = environment.Deployment;
        var hasLoadBalancer = environment.LoadBalancer.TargetGroupArn is not null;
        return new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["environment"] = environment.Name,
            ["accountId"] = environment.Aws.AccountId,
            ["region"] = environment.Aws.Region,
            ["cluster"] = environment.Cluster,
            ["service"] = environment.Service,
            ["family"] = Family(environment),
            ["containerName"] = environment.LoadBalancer.ContainerName,
            ["containerPort"] = environment.LoadBalancer.ContainerPort,
            ["image"] = release.Image.Runnable,
            ["imageDigest"] = release.Image.Digest ?? string.Empty,
            ["imageTag"] = release.ImageTag,
            ["registry"] = release.Image.Registry,
            ["repository"] = release.Image.Repository,
            ["gitSha"] = release.GitSha,
            ["version"] = release.Version,
            ["cpu"] = environment.Cpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["memory"] = environment.Memory.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["desiredCount"] = environment.DesiredCount,
            ["logLevel"] = environment.LogLevel,
            ["taskRoleArn"] = environment.TaskRoleArn,
            ["executionRoleArn"] = environment.ExecutionRoleArn,
            ["logGroup"] = environment.LogGroup,
            ["containerEnvironment"] = ContainerEnvironment(environment, release),
            ["containerSecrets"] = ContainerSecrets(environment),
            ["logConfiguration"] = LogConfiguration(environment),
            ["tags"] = Tags(WithLocalListeners(environment)),
            ["deployment.strategy"] = deployment.StrategyName,
            ["deployment.bakeTimeInMinutes"] = deployment.ShiftsTraffic ? deployment.BakeTimeMinutes : null,
            ["deployment.canaryConfiguration"] = TrafficShiftValues.CanaryConfiguration(deployment),
            ["deployment.linearConfiguration"] = TrafficShiftValues.LinearConfiguration(deployment),
            ["deployment.lifecycleHooks"] = TrafficShiftValues.LifecycleHooks(environment),
            ["deployment.minimumHealthyPercent"] = deployment.MinimumHealthyPercent,
            ["deployment.maximumPercent"] = deployment.MaximumPercent,
            ["deployment.circuitBreaker.enable"] = deployment.CircuitBreaker.Enable,
            ["deployment.circuitBreaker.rollback"] = deployment.CircuitBreaker.Rollback,
            ["deployment.alarms"] = DeploymentAlarms(deployment.Alarms),
            // ECS accepts a grace period only for services behind a load balancer.
            ["healthCheckGracePeriodSeconds"] = hasLoadBalancer ? environment.HealthCheckGracePeriodSeconds : null,
            ["loadBalancers"] = LoadBalancers(environment),
            ["networkConfiguration"] = NetworkConfiguration(environment.Network),
        };
    }

    private static JsonArray ContainerEnvironment(DeploymentEnvironment environment, ReleaseInfo release)
    {
        var clash = environment.EnvironmentVariables.Keys.FirstOrDefault(k => ReservedVariables.Contains(k, StringComparer.Ordinal));
        if (clash is not null)
        {
            throw new EnvironmentConfigurationException(
                $"{environment.FilePath}: $.environmentVariables.{clash}: set by the deployment itself; fix: remove it (use $.logLevel for LOG_LEVEL; the others come from the release)");
        }

        var reserved = release.ExtraEnvironment.Keys.FirstOrDefault(k => ReservedVariables.Contains(k, StringComparer.Ordinal));
        if (reserved is not null)
        {
            throw new TemplateRenderException(
                $"the release's extra container variable {reserved} is set by the deployment itself; fix: leave it out (it comes from the environment file or the release)");
        }

        // The environment file's variables, then the release's extras over them, then the deployment's own.
        var variables = new Dictionary<string, string>(environment.EnvironmentVariables, StringComparer.Ordinal);
        foreach (var (name, value) in release.ExtraEnvironment)
        {
            variables[name] = value;
        }

        variables["LOG_LEVEL"] = environment.LogLevel;
        variables["ENVIRONMENT"] = environment.Name;
        variables["AUTOPR_REVISION"] = release.GitSha;
        variables["AUTOPR_VERSION"] = release.Version;
        variables["AUTOPR_IMAGE_TAG"] = release.ImageTag ?? release.Image.Tag ?? release.Image.Digest ?? string.Empty;
        return NameValueList(variables, "value");
    }

    private static JsonObject? DeploymentAlarms(DeploymentAlarmSettings? alarms) => alarms is null
        ? null
        : new JsonObject
        {
            ["alarmNames"] = new JsonArray([.. alarms.AlarmNames.Select(n => (JsonNode)JsonValue.Create(n))]),
            ["enable"] = alarms.Enable,
            ["rollback"] = alarms.Rollback,
        };

    private static JsonArray ContainerSecrets(DeploymentEnvironment environment) => NameValueList(environment.Secrets, "valueFrom");

    // Sorted by name: ECS keeps the order it is given, so a stable order keeps revisions comparable.
    private static JsonArray NameValueList(IReadOnlyDictionary<string, string> items, string valueName)
    {
        var array = new JsonArray();
        foreach (var (name, value) in items.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            array.Add((JsonNode)new JsonObject { ["name"] = name, [valueName] = value });
        }

        return array;
    }

    private static JsonObject? LogConfiguration(DeploymentEnvironment environment) => environment.LogGroup is null
        ? null
        : new JsonObject
        {
            ["logDriver"] = "awslogs",
            ["options"] = new JsonObject
            {
                ["awslogs-group"] = environment.LogGroup,
                ["awslogs-region"] = environment.Aws.Region,
                ["awslogs-stream-prefix"] = environment.Service,
            },
        };

    /// <summary>
    /// A local stand-in has no load balancer to configure: LocalEcs opens the listeners a new service's tags name
    /// (localecs:listener, localecs:test-listener), so each local environment file keeps the URLs it states.
    /// </summary>
    private static IReadOnlyDictionary<string, string> WithLocalListeners(DeploymentEnvironment environment)
    {
        if (!environment.IsLocal)
        {
            return environment.Tags;
        }

        var tags = new Dictionary<string, string>(environment.Tags, StringComparer.Ordinal);
        if (environment.LoadBalancer.ListenerUrl is { } listener)
        {
            tags[LocalListenerTag] = listener.Authority;
        }

        if (environment.LoadBalancer.TestListenerUrl is { } test)
        {
            tags[LocalTestListenerTag] = test.Authority;
        }

        return tags;
    }

    private static JsonArray Tags(IReadOnlyDictionary<string, string> tags)
    {
        var array = new JsonArray();
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            array.Add((JsonNode)new JsonObject { ["key"] = key, ["value"] = value });
        }

        return array;
    }

    private static JsonArray LoadBalancers(DeploymentEnvironment environment)
    {
        var settings = environment.LoadBalancer;
        if (settings.TargetGroupArn is null)
        {
            return [];
        }

        var loadBalancer = new JsonObject
        {
            ["targetGroupArn"] = settings.TargetGroupArn,
            ["containerName"] = settings.ContainerName,
            ["containerPort"] = settings.ContainerPort,
        };
        if (environment.Deployment.ShiftsTraffic && settings.AlternateTargetGroupArn is not null)
        {
            var advanced = new JsonObject { ["alternateTargetGroupArn"] = settings.AlternateTargetGroupArn };
            if (settings.ProductionListenerRuleArn is not null)
            {
                advanced["productionListenerRule"] = settings.ProductionListenerRuleArn;
            }

            if (settings.TestListenerRuleArn is not null)
            {
                advanced["testListenerRule"] = settings.TestListenerRuleArn;
            }

            if (settings.RoleArn is not null)
            {
                advanced["roleArn"] = settings.RoleArn;
            }

            loadBalancer["advancedConfiguration"] = advanced;
        }

        return [loadBalancer];
    }

    /// <summary>The service's awsvpc configuration, which one-off tasks share.</summary>
    internal static JsonObject? NetworkConfiguration(NetworkSettings? network) => network is null
        ? null
        : new JsonObject
        {
            ["awsvpcConfiguration"] = new JsonObject
            {
                ["subnets"] = new JsonArray([.. network.Subnets.Select(s => (JsonNode)JsonValue.Create(s))]),
                ["securityGroups"] = new JsonArray([.. network.SecurityGroups.Select(s => (JsonNode)JsonValue.Create(s))]),
                ["assignPublicIp"] = network.AssignPublicIp,
            },
        };
}
