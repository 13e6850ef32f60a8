using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Logs;

/// <summary>
/// Where the awslogs driver sends a container's output: the group of awslogs-group and the stream
/// &lt;awslogs-stream-prefix&gt;/&lt;container name&gt;/&lt;task id&gt;, as ECS names it.
/// </summary>
public sealed record AwsLogsTarget(string Group, string Stream)
{
    /// <summary>The container definition's awslogs target for the task, or null when it logs elsewhere.</summary>
    public static AwsLogsTarget? For(JsonObject container, string taskId)
    {
        if (container["logConfiguration"] is not JsonObject configuration
            || configuration["logDriver"]?.GetValue<string>() != "awslogs"
            || configuration["options"]?["awslogs-group"]?.GetValue<string>() is not { Length: > 0 } group)
        {
            return null;
        }

        var name = container["name"]!.GetValue<string>();
        var prefix = configuration["options"]?["awslogs-stream-prefix"]?.GetValue<string>();
        return new AwsLogsTarget(group, string.IsNullOrEmpty(prefix) ? $"{name}/{taskId}" : $"{prefix}/{name}/{taskId}");
    }
}
