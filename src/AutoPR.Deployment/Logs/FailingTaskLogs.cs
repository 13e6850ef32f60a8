using System.Globalization;
using System.Text;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tasks;

namespace AutoPR.Deployment.Logs;

/// <summary>
/// The failing tasks of a revision, each with its stopped reason and exit codes and the last lines of its container's
/// awslogs stream, for a failure summary. Called only after something failed, so a successful deployment makes no
/// call more. Reading never hides the failure: what cannot be read is said in a line.
/// </summary>
public sealed class FailingTaskLogs(EcsClient ecs, LogsClient logs, DeploymentEnvironment environment)
{
    /// <summary>Lines a task shows by default.</summary>
    public const int DefaultLines = 20;

    /// <summary>Tasks shown at most (the ones that stopped on their own first, newest first).</summary>
    public const int MaxTasks = 3;

    private const string SchedulerStop = "ServiceSchedulerInitiated";

    /// <summary>
    /// The report: <paramref name="known"/> stopped tasks (a watched rollout's), else the tasks of
    /// <paramref name="revisionArn"/> that ECS lists for the service (stopped, then running). Empty when there are none.
    /// </summary>
    public async Task<string> DescribeAsync(string? revisionArn, IReadOnlyList<StoppedTask> known, int lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(known);
        IReadOnlyList<FailingTask> tasks;
        try
        {
            tasks = known.Count > 0
                ? [.. known.Select(t => new FailingTask(t, Running: false))]
                : await TasksOfAsync(revisionArn, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex)
        {
            return $"(the failing tasks could not be listed: {ex.ErrorCode}: {ex.ErrorMessage})";
        }

        // Newest first; a task that stopped on its own says more than one the scheduler stopped in the rollback.
        var chosen = tasks.Reverse()
            .OrderBy(t => t.Running ? 1 : t.Task.StopCode == SchedulerStop ? 2 : 0)
            .Take(MaxTasks)
            .ToList();
        var text = new StringBuilder();
        var definitions = new Dictionary<string, EcsTaskDefinitionView>(StringComparer.Ordinal);
        foreach (var task in chosen)
        {
            text.Append(task.Running ? $"task {task.Task.TaskId} (still running)" : task.Task.ToString()).Append('\n');
            text.Append(await LastLinesAsync(task.Task, definitions, lines, cancellationToken).ConfigureAwait(false));
        }

        if (tasks.Count > chosen.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"({tasks.Count - chosen.Count} more failing tasks not shown)\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    private async Task<string> LastLinesAsync(StoppedTask task, Dictionary<string, EcsTaskDefinitionView> definitions, int lines, CancellationToken cancellationToken)
    {
        var container = environment.LoadBalancer.ContainerName;
        TaskLogStream? stream = null;
        try
        {
            if (task.TaskDefinitionArn is { } arn)
            {
                if (!definitions.TryGetValue(arn, out var definition))
                {
                    definitions[arn] = definition = await ecs.DescribeTaskDefinitionAsync(arn, cancellationToken).ConfigureAwait(false);
                }

                stream = TaskLogStream.Of(definition.Json, container, task.TaskId);
            }

            if (stream is null)
            {
                return $"  (container {container} does not log to CloudWatch Logs: no awslogs driver in its task definition)\n";
            }

            var events = await logs.GetLastLinesAsync(stream.LogGroup, stream.LogStream, lines, cancellationToken).ConfigureAwait(false);
            if (events.Count == 0)
            {
                return $"  ({stream} is empty)\n";
            }

            var text = new StringBuilder($"  its last {events.Count} lines ({stream}):\n");
            foreach (var line in events)
            {
                text.Append("  | ").Append(line.Message.TrimEnd()).Append('\n');
            }

            return text.ToString();
        }
        catch (AwsServiceException ex)
        {
            var where = stream?.ToString() ?? "its log stream";
            return ex.ErrorCode == "ResourceNotFoundException"
                ? $"  ({where} does not exist: the container wrote nothing)\n"
                : $"  ({where} could not be read: {ex.ErrorCode}: {ex.ErrorMessage})\n";
        }
    }

    /// <summary>The service's tasks of the revision ECS still lists: stopped ones, then running ones.</summary>
    private async Task<IReadOnlyList<FailingTask>> TasksOfAsync(string? revisionArn, CancellationToken cancellationToken)
    {
        if (revisionArn is null)
        {
            return [];
        }

        var found = new List<FailingTask>();
        foreach (var (status, running) in new[] { ("STOPPED", false), ("RUNNING", true) })
        {
            var arns = new List<string>();
            await foreach (var arn in ecs.ListTasksAsync(environment.Cluster, serviceName: environment.Service, desiredStatus: status, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                arns.Add(arn);
            }

            if (arns.Count == 0)
            {
                continue;
            }

            var described = await ecs.DescribeTasksAsync(environment.Cluster, arns, cancellationToken).ConfigureAwait(false);
            found.AddRange(described.Items
                .Where(t => string.Equals(t.TaskDefinitionArn, revisionArn, StringComparison.Ordinal))
                .OrderBy(t => t.StoppedAt ?? t.StartedAt ?? DateTimeOffset.MinValue)
                .Select(t => new FailingTask(StoppedTask.From(t), running)));
            if (found.Count > 0)
            {
                // Stopped tasks explain a failure; running ones only when none stopped.
                break;
            }
        }

        return found;
    }

    private sealed record FailingTask(StoppedTask Task, bool Running);
}
