using System.Text;
using AutoPR.Deployment.Ecs.Views;

namespace AutoPR.Deployment.Rollout;

/// <summary>A task of the new revision that stopped, and why (ECS's reason plus each container's exit code and reason).</summary>
public sealed record StoppedTask(string TaskArn, string? TaskDefinitionArn, string? StopCode, string? StoppedReason, IReadOnlyList<EcsContainerState> Containers)
{
    /// <summary>Reads a described task.</summary>
    public static StoppedTask From(EcsTaskView task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new StoppedTask(task.Arn ?? "?", task.TaskDefinitionArn, task.StopCode, task.StoppedReason, task.Containers);
    }

    /// <summary>The short task id (last ARN segment).</summary>
    public string TaskId => TaskArn[(TaskArn.LastIndexOf('/') + 1)..];

    /// <summary>"EssentialContainerExited: Essential container in task exited; autopr: exit code 3".</summary>
    public string Reason
    {
        get
        {
            var text = new StringBuilder();
            if (StopCode is not null)
            {
                text.Append(StopCode).Append(": ");
            }

            text.Append(StoppedReason ?? "stopped");
            foreach (var container in Containers.Where(c => c.ExitCode is not null || c.Reason is not null))
            {
                text.Append("; ").Append(container.Name ?? "container").Append(':');
                if (container.ExitCode is { } code)
                {
                    text.Append(" exit code ").Append(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                if (container.Reason is { } reason)
                {
                    text.Append(' ').Append(reason);
                }
            }

            return text.ToString();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"task {TaskId} stopped: {Reason}";
}
