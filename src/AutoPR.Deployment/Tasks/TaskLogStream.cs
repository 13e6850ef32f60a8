using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Tasks;

/// <summary>Reads new lines of a log stream from a token on (null: from the start); answers the lines and the next token.</summary>
public delegate Task<(IReadOnlyList<string> Lines, string? NextToken)> TaskLogReader(string logGroup, string logStream, string? token, CancellationToken cancellationToken);

/// <summary>Where ECS's awslogs driver writes a container's output: the group, and the stream prefix/container/task-id.</summary>
public sealed record TaskLogStream(string LogGroup, string LogStream)
{
    /// <summary>The stream of <paramref name="container"/> in task <paramref name="taskId"/>, or null when its task definition does not use awslogs.</summary>
    public static TaskLogStream? Of(JsonObject taskDefinition, string container, string taskId)
    {
        var definition = JsonRead.GetArray(taskDefinition, "containerDefinitions")
            .FirstOrDefault(c => string.Equals(JsonRead.GetString(c, "name"), container, StringComparison.Ordinal));
        var logging = JsonRead.GetObject(definition, "logConfiguration");
        if (!string.Equals(JsonRead.GetString(logging, "logDriver"), "awslogs", StringComparison.Ordinal))
        {
            return null;
        }

        var options = JsonRead.GetObject(logging, "options");
        var group = JsonRead.GetString(options, "awslogs-group");
        var prefix = JsonRead.GetString(options, "awslogs-stream-prefix");
        return group is null || prefix is null ? null : new TaskLogStream(group, $"{prefix}/{container}/{taskId}");
    }

    /// <inheritdoc />
    public override string ToString() => $"CloudWatch Logs {LogGroup} {LogStream}";
}
