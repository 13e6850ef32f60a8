using System.Globalization;
using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Ecs;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Ecs.Shapes;

namespace AutoPR.LocalEcs.TaskMetadata;

/// <summary>
/// The task metadata endpoint v4's JSON for a Fargate task and its containers, with AWS's field names
/// (Cluster, TaskARN, Family, Revision as a string, ...). Fields LocalEcs cannot know (MAC address, subnet, DNS,
/// clock drift, ephemeral-storage use, log options) are left out rather than invented.
/// </summary>
public static class TaskMetadataShape
{
    public static JsonObject Task(TaskRecord task)
    {
        var (family, revision) = Revision(task);
        var json = new JsonObject { ["Cluster"] = task.ClusterArn };
        SetIf(json, "ServiceName", task.ServiceName);
        json["TaskARN"] = task.Arn;
        json["Family"] = family;
        json["Revision"] = revision;
        json["DesiredStatus"] = task.DesiredStatus;
        json["KnownStatus"] = task.LastStatus;
        if (TaskLimits(task) is { } limits)
        {
            json["Limits"] = limits;
        }

        SetTime(json, "PullStartedAt", task.PullStartedAt);
        SetTime(json, "PullStoppedAt", task.PullStoppedAt);
        SetTime(json, "ExecutionStoppedAt", task.StoppedAt);
        json["AvailabilityZone"] = TaskShape.AvailabilityZone;
        json["LaunchType"] = "FARGATE";
        json["Containers"] = new JsonArray([.. task.Containers.Select(c => (JsonNode)Container(task, c))]);
        return json;
    }

    public static JsonObject Container(TaskRecord task, TaskContainerRecord container)
    {
        var (family, revision) = Revision(task);
        var json = new JsonObject
        {
            // On Fargate the DockerId is the metadata id (task id, dash, ten digits), not Docker's container id.
            ["DockerId"] = TaskMetadataId.For(task.Id, container.Name),
            ["Name"] = container.Name,
            ["Image"] = container.Image,
        };
        SetIf(json, "ImageID", container.ImageId);
        json["Labels"] = new JsonObject
        {
            ["com.amazonaws.ecs.cluster"] = task.ClusterArn,
            ["com.amazonaws.ecs.container-name"] = container.Name,
            ["com.amazonaws.ecs.task-arn"] = task.Arn,
            ["com.amazonaws.ecs.task-definition-family"] = family,
            ["com.amazonaws.ecs.task-definition-version"] = revision,
        };
        json["DesiredStatus"] = task.DesiredStatus;
        json["KnownStatus"] = container.LastStatus;
        var limits = new JsonObject { ["CPU"] = container.Cpu ?? 0 };
        if (container.Memory is { } memory)
        {
            limits["Memory"] = memory;
        }

        json["Limits"] = limits;
        if (container.ExitCode is { } exitCode)
        {
            json["ExitCode"] = exitCode;
        }

        json["Type"] = "NORMAL";
        json["ContainerARN"] = TaskShape.ContainerArn(task, container);
        json["Networks"] = new JsonArray(new JsonObject
        {
            ["NetworkMode"] = "awsvpc",
            ["IPv4Addresses"] = new JsonArray(task.Address),
            ["AttachmentIndex"] = 0,
        });
        return json;
    }

    /// <summary>Family and revision from the task's task-definition ARN; AWS sends the revision as a string.</summary>
    private static (string Family, string Revision) Revision(TaskRecord task)
    {
        var (family, revision) = EcsNames.ParseTaskDefinition(task.TaskDefinitionArn);
        return (family, revision?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
    }

    /// <summary>Task-level CPU in vCPUs and memory in MiB, as Fargate reports them; null when the definition set neither as a number.</summary>
    private static JsonObject? TaskLimits(TaskRecord task)
    {
        var limits = new JsonObject();
        if (int.TryParse(task.Cpu, NumberStyles.None, CultureInfo.InvariantCulture, out var units))
        {
            limits["CPU"] = units / 1024.0;
        }

        if (int.TryParse(task.Memory, NumberStyles.None, CultureInfo.InvariantCulture, out var mebibytes))
        {
            limits["Memory"] = mebibytes;
        }

        return limits.Count > 0 ? limits : null;
    }

    private static void SetIf(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    /// <summary>RFC 3339 in UTC, as the metadata endpoint writes times.</summary>
    private static void SetTime(JsonObject json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json[name] = time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        }
    }
}
