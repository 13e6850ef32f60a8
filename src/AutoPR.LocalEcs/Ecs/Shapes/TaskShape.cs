using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Ecs.Shapes;

/// <summary>DescribeTasks' Task shape; the task's loopback address appears as its ENI's private IPv4 address.</summary>
public static class TaskShape
{
    /// <summary>The one Availability Zone LocalEcs's tasks report.</summary>
    public const string AvailabilityZone = "us-east-1a";

    /// <summary>The container's ARN, as DescribeTasks and the task metadata endpoint report it.</summary>
    public static string ContainerArn(TaskRecord task, TaskContainerRecord container) =>
        $"{task.ClusterArn.Replace(":cluster/", ":container/", StringComparison.Ordinal)}/{task.Id}/{container.Name}";

    public static JsonObject ToJson(TaskRecord task, EcsState state, bool includeTags)
    {
        var attachmentId = Guid.Parse(task.Id).ToString();
        var json = new JsonObject
        {
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["id"] = attachmentId,
                ["type"] = "ElasticNetworkInterface",
                ["status"] = task.IsStopped ? "DELETED" : "ATTACHED",
                ["details"] = new JsonArray(
                    new JsonObject { ["name"] = "subnetId", ["value"] = "subnet-localecs" },
                    new JsonObject { ["name"] = "networkInterfaceId", ["value"] = "eni-" + task.Id[..17] },
                    new JsonObject { ["name"] = "privateIPv4Address", ["value"] = task.Address }),
            }),
            ["attributes"] = new JsonArray(new JsonObject { ["name"] = "ecs.cpu-architecture", ["value"] = "x86_64" }),
            ["availabilityZone"] = AvailabilityZone,
            ["clusterArn"] = task.ClusterArn,
            ["connectivity"] = task.StartedAt is null ? "DISCONNECTED" : "CONNECTED",
            ["containers"] = new JsonArray([.. task.Containers.Select(c => (JsonNode)ContainerToJson(task, c, attachmentId))]),
            ["cpu"] = task.Cpu,
            ["memory"] = task.Memory,
            ["createdAt"] = AwsTime.ToJson(task.CreatedAt),
            ["desiredStatus"] = task.DesiredStatus,
            ["enableExecuteCommand"] = false,
            ["healthStatus"] = task.HealthStatus,
            ["lastStatus"] = task.LastStatus,
            ["launchType"] = "FARGATE",
            ["platformVersion"] = "1.4.0",
            ["platformFamily"] = "Linux",
            ["taskArn"] = task.Arn,
            ["taskDefinitionArn"] = task.TaskDefinitionArn,
            ["version"] = task.Version,
            ["ephemeralStorage"] = new JsonObject { ["sizeInGiB"] = 20 },
            ["overrides"] = OverridesToJson(task),
        };
        SetIf(json, "group", task.Group);
        SetIf(json, "startedBy", task.StartedBy);
        SetIf(json, "stoppedReason", task.StoppedReason);
        SetIf(json, "stopCode", task.StopCode);
        SetTime(json, "connectivityAt", task.StartedAt);
        SetTime(json, "pullStartedAt", task.PullStartedAt);
        SetTime(json, "pullStoppedAt", task.PullStoppedAt);
        SetTime(json, "startedAt", task.StartedAt);
        SetTime(json, "stoppingAt", task.StoppingAt);
        SetTime(json, "executionStoppedAt", task.StoppedAt);
        SetTime(json, "stoppedAt", task.StoppedAt);
        if (includeTags)
        {
            json["tags"] = TagShape.ToJson(state.Tags.GetValueOrDefault(task.Arn) ?? task.Tags);
        }

        return json;
    }

    private static JsonObject ContainerToJson(TaskRecord task, TaskContainerRecord container, string attachmentId)
    {
        var json = new JsonObject
        {
            ["containerArn"] = ContainerArn(task, container),
            ["taskArn"] = task.Arn,
            ["name"] = container.Name,
            ["image"] = container.Image,
            ["lastStatus"] = container.LastStatus,
            ["networkBindings"] = new JsonArray(),
            ["networkInterfaces"] = new JsonArray(new JsonObject { ["attachmentId"] = attachmentId, ["privateIpv4Address"] = task.Address }),
            ["healthStatus"] = container.HealthStatus,
            ["cpu"] = (container.Cpu ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        SetIf(json, "imageDigest", container.ImageDigest);
        SetIf(json, "runtimeId", container.RuntimeId);
        SetIf(json, "reason", container.Reason);
        if (container.ExitCode is { } exit)
        {
            json["exitCode"] = exit;
        }

        if (container.Memory is { } memory)
        {
            json["memory"] = memory.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return json;
    }

    /// <summary>ECS lists every container, with what RunTask overrode (command, environment, cpu, memory).</summary>
    private static JsonObject OverridesToJson(TaskRecord task)
    {
        var containers = new JsonArray();
        foreach (var container in task.Containers)
        {
            var json = new JsonObject { ["name"] = container.Name };
            if (task.Overrides?.ContainerOverrides.FirstOrDefault(o => o.Name == container.Name) is { } given)
            {
                if (given.Command is { } command)
                {
                    json["command"] = new JsonArray([.. command.Select(c => (JsonNode)c)]);
                }

                if (given.Environment.Count > 0)
                {
                    json["environment"] = new JsonArray([.. given.Environment.Select(e => (JsonNode)new JsonObject { ["name"] = e.Key, ["value"] = e.Value })]);
                }

                json["cpu"] = given.Cpu;
                json["memory"] = given.Memory;
            }

            containers.Add(json);
        }

        return new JsonObject
        {
            ["containerOverrides"] = containers,
            ["cpu"] = task.Overrides?.Cpu,
            ["memory"] = task.Overrides?.Memory,
            ["inferenceAcceleratorOverrides"] = new JsonArray(),
        };
    }

    private static void SetIf(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static void SetTime(JsonObject json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json[name] = AwsTime.ToJson(time);
        }
    }
}
