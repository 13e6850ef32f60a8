using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Templates;

namespace AutoPR.Deployment.Tasks;

/// <summary>
/// Runs a one-off task (RunTask) of the environment's service and follows it to its end: status changes, the
/// container's output as it comes (from its awslogs stream, when a reader is given), the exit code. A task that
/// outlives its timeout, or a run interrupted by cancellation, stops the task (StopTask) so nothing is left running.
/// </summary>
public sealed class OneOffTaskRunner(EcsClient ecs, DeploymentEnvironment environment, TimeProvider time, TaskLogReader? logs)
{
    /// <summary>Output lines a result keeps (the failure summary shows them).</summary>
    public const int TailLines = 20;

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopGrace = TimeSpan.FromMinutes(2);

    // awslogs delivers the last lines a few seconds after the container exits on AWS: read until the stream is quiet.
    private static readonly TimeSpan OutputSettle = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs <paramref name="task"/> to its end. Throws <see cref="DeploymentRefusedException"/> when the revision does
    /// not exist (nothing ran), <see cref="DeploymentFailedException"/> when ECS would not place it or it timed out;
    /// a task that ran and failed, or could not start, is a result with <see cref="OneOffTaskResult.Succeeded"/> false.
    /// </summary>
    public async Task<OneOffTaskResult> RunAsync(OneOffTask task, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var definition = await DescribeRevisionAsync(task.TaskDefinitionArn, cancellationToken).ConfigureAwait(false);
        var revision = definition.Arn ?? task.TaskDefinitionArn;
        var started = time.GetUtcNow();
        var run = await ecs.RunTaskAsync(RunTaskRequest(revision, task.Command), cancellationToken).ConfigureAwait(false);
        if (run.Items.Count == 0 || run.Items[0].Arn is not { } taskArn)
        {
            var why = run.Failures.Count > 0 ? string.Join("; ", run.Failures.Select(f => $"{f.Reason} {f.Detail}".Trim())) : "RunTask answered no task";
            throw new DeploymentFailedException($"ECS did not start the {task.Purpose} task of {TaskDefinitionRegistered.Label(revision)}: {why}");
        }

        progress?.Report(new OneOffTaskStarted(time.GetUtcNow(), taskArn, revision, task.Purpose, task.Command));
        var taskId = taskArn[(taskArn.LastIndexOf('/') + 1)..];
        var follower = new OutputFollower(logs, TaskLogStream.Of(definition.Json, environment.LoadBalancer.ContainerName, taskId), task.Purpose, time, progress);
        try
        {
            var stopped = await FollowAsync(task, taskArn, started, follower, progress, cancellationToken).ConfigureAwait(false);
            await follower.SettleAsync(cancellationToken).ConfigureAwait(false);
            var containers = stopped.Containers;
            var container = containers.FirstOrDefault(c => c.Name == environment.LoadBalancer.ContainerName) ?? (containers.Count > 0 ? containers[0] : null);
            var result = new OneOffTaskResult
            {
                TaskArn = taskArn,
                TaskDefinitionArn = revision,
                ExitCode = container?.ExitCode,
                StopCode = stopped.StopCode,
                StoppedReason = container?.Reason is { Length: > 0 } reason && stopped.StopCode == "TaskFailedToStart" ? $"{stopped.StoppedReason} ({reason})" : stopped.StoppedReason,
                Duration = time.GetUtcNow() - started,
                OutputTail = follower.Tail,
                OutputLocation = follower.Location,
            };
            progress?.Report(new OneOffTaskStopped(time.GetUtcNow(), task.Purpose, result));
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopQuietlyAsync(taskArn, $"{task.Purpose} interrupted").ConfigureAwait(false);
            throw;
        }
    }

    private async Task<EcsTaskDefinitionView> DescribeRevisionAsync(string taskDefinition, CancellationToken cancellationToken)
    {
        try
        {
            return await ecs.DescribeTaskDefinitionAsync(taskDefinition, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode is "ClientException" or "InvalidParameterException")
        {
            throw new DeploymentRefusedException($"there is no task definition {taskDefinition} in {environment.Name}: {ex.Message}; nothing was run; fix: name a revision History lists");
        }
    }

    private JsonObject RunTaskRequest(string revision, IReadOnlyList<string> command)
    {
        var request = new JsonObject
        {
            ["cluster"] = environment.Cluster,
            ["taskDefinition"] = revision,
            ["count"] = 1,
            ["startedBy"] = "autopr-deploy",
            ["launchType"] = "FARGATE",
        };
        if (TemplateValues.NetworkConfiguration(environment.Network) is { } network)
        {
            request["networkConfiguration"] = network;
        }

        if (command.Count > 0)
        {
            request["overrides"] = new JsonObject
            {
                ["containerOverrides"] = new JsonArray(new JsonObject
                {
                    ["name"] = environment.LoadBalancer.ContainerName,
                    ["command"] = JsonBuild.Strings(command),
                }),
            };
        }

        return request;
    }

    private async Task<EcsTaskView> FollowAsync(OneOffTask task, string taskArn, DateTimeOffset started, OutputFollower output, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        string? lastStatus = null;
        DateTimeOffset? stopSent = null;
        while (true)
        {
            var described = await ecs.DescribeTasksAsync(environment.Cluster, [taskArn], cancellationToken).ConfigureAwait(false);
            var view = described.Items.Count > 0 ? described.Items[0] : null;
            if (view?.LastStatus is { } status && status != lastStatus)
            {
                lastStatus = status;
                progress?.Report(new OneOffTaskStatus(time.GetUtcNow(), task.Purpose, status));
            }

            await output.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (view is { LastStatus: "STOPPED" })
            {
                if (stopSent is not null)
                {
                    throw new DeploymentFailedException($"the {task.Purpose} task {taskArn[(taskArn.LastIndexOf('/') + 1)..]} did not finish within {task.Timeout.TotalMinutes:0.#} min and was stopped" + output.TailText);
                }

                return view;
            }

            var now = time.GetUtcNow();
            if (stopSent is null && now - started > task.Timeout)
            {
                await ecs.StopTaskAsync(environment.Cluster, taskArn, $"{task.Purpose} timed out after {task.Timeout.TotalMinutes:0.#} min", cancellationToken).ConfigureAwait(false);
                stopSent = now;
            }
            else if (stopSent is { } sent && now - sent > StopGrace)
            {
                throw new DeploymentFailedException($"the {task.Purpose} task {taskArn} did not stop within {StopGrace.TotalMinutes:0} min of StopTask");
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StopQuietlyAsync(string taskArn, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await ecs.StopTaskAsync(environment.Cluster, taskArn, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AwsServiceException or HttpRequestException or OperationCanceledException)
        {
            // The run is being abandoned anyway; ECS keeps the task until it ends on its own.
        }
    }

    /// <summary>Follows the task's log stream forward and keeps its last lines.</summary>
    private sealed class OutputFollower(TaskLogReader? logs, TaskLogStream? stream, string purpose, TimeProvider time, IProgress<DeploymentEvent>? progress)
    {
        private readonly Queue<string> _tail = new();
        private string? _token;

        public IReadOnlyList<string> Tail => [.. _tail];

        public string? Location => logs is not null && stream is not null ? null : stream?.ToString();

        public string TailText => _tail.Count == 0 ? "" : "; its last lines:\n  " + string.Join("\n  ", _tail);

        /// <summary>Reads what is new; a stream that does not exist yet (the task has not started) is not an error.</summary>
        public async Task<int> ReadAsync(CancellationToken cancellationToken)
        {
            if (logs is null || stream is null)
            {
                return 0;
            }

            try
            {
                var (lines, next) = await logs(stream.LogGroup, stream.LogStream, _token, cancellationToken).ConfigureAwait(false);
                _token = next ?? _token;
                foreach (var line in lines)
                {
                    progress?.Report(new OneOffTaskOutput(time.GetUtcNow(), purpose, line));
                    _tail.Enqueue(line);
                    if (_tail.Count > TailLines)
                    {
                        _tail.Dequeue();
                    }
                }

                return lines.Count;
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "ResourceNotFoundException")
            {
                return 0;
            }
        }

        public async Task SettleAsync(CancellationToken cancellationToken)
        {
            if (logs is null || stream is null)
            {
                return;
            }

            var deadline = time.GetUtcNow() + OutputSettle;
            var quiet = 0;
            while (quiet < 2 && time.GetUtcNow() < deadline)
            {
                quiet = await ReadAsync(cancellationToken).ConfigureAwait(false) == 0 ? quiet + 1 : 0;
                if (quiet < 2)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
