using System.Globalization;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Rollout;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Logs;

/// <summary>
/// The service container's log lines from the environment's log group (FilterLogEvents over the streams
/// &lt;service&gt;/&lt;container&gt;/&lt;task id&gt; the awslogs driver writes), oldest first; with a follow, new lines every
/// poll until cancelled. A follow asks again from a little before the newest line it has (CloudWatch may ingest a line
/// after a later one) and drops the events it already wrote by their eventId, so no line shows twice.
/// A revision's tasks are the ones ECS still lists (running, and stopped ones for about an hour after they stop).
/// </summary>
public sealed class LogReader(EcsClient ecs, LogsClient logs, DeploymentEnvironment environment, string family, TimeProvider time, ILogger logger)
{
    /// <summary>How far back a follow asks again for lines ingested late.</summary>
    public static readonly TimeSpan LateLines = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Writes the lines <paramref name="request"/> selects and returns how many. Throws
    /// <see cref="DeploymentRefusedException"/> when the environment names no log group or the group does not exist.
    /// A follow ends only by <paramref name="cancellationToken"/> (an <see cref="OperationCanceledException"/>).
    /// </summary>
    public async Task<int> ReadAsync(LogReadRequest request, Action<ServiceLogLine> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(write);
        var group = environment.LogGroup
            ?? throw new DeploymentRefusedException($"{environment.Name} has no log group (deploy/environments/{environment.Name}.json names no \"logGroup\"), so its containers do not log to CloudWatch Logs; fix: add \"logGroup\"");
        var prefix = $"{environment.Service}/{environment.LoadBalancer.ContainerName}/";
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var newest = request.Since;
        var written = 0;
        var toldNoTasks = false;
        var ofRevision = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (true)
        {
            var streams = await StreamsAsync(request, prefix, ofRevision, cancellationToken).ConfigureAwait(false);
            if (streams is { Count: 0 } && !toldNoTasks)
            {
                toldNoTasks = true;
                logger.LogWarning("No task of {Family}:{Revision} is known to ECS (it lists stopped tasks for about an hour){Waiting}",
                    family, request.Revision, request.Follow ? "; waiting for one" : "");
            }

            var from = request.Follow && newest - LateLines > request.Since ? newest - LateLines : request.Since;
            var events = streams is { Count: 0 } ? new List<FilteredLogEvent>() : await FilterAsync(group, streams, prefix, from, request.Pattern, cancellationToken).ConfigureAwait(false);
            foreach (var logEvent in events.OrderBy(e => e.Timestamp).ThenBy(e => e.LogStreamName, StringComparer.Ordinal))
            {
                var id = logEvent.EventId ?? $"{logEvent.LogStreamName}\n{logEvent.Timestamp.ToUnixTimeMilliseconds()}\n{logEvent.Message}";
                if (!seen.TryAdd(id, logEvent.Timestamp))
                {
                    continue;
                }

                write(new ServiceLogLine(logEvent.Timestamp, logEvent.LogStreamName[(logEvent.LogStreamName.LastIndexOf('/') + 1)..], logEvent.Message));
                written++;
                newest = logEvent.Timestamp > newest ? logEvent.Timestamp : newest;
            }

            if (!request.Follow)
            {
                return written;
            }

            // Only the ids a later ask can answer again are worth keeping.
            var keepFrom = newest - LateLines;
            foreach (var old in seen.Where(s => s.Value < keepFrom).Select(s => s.Key).ToList())
            {
                seen.Remove(old);
            }

            await Task.Delay(request.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<FilteredLogEvent>> FilterAsync(string group, IReadOnlyList<string>? streams, string prefix, DateTimeOffset from, string? pattern, CancellationToken cancellationToken)
    {
        List<LogEventFilter> filters = streams is null
            ? [new LogEventFilter { StreamNamePrefix = prefix, Start = from, Pattern = pattern }]
            : streams.Chunk(100).Select(chunk => new LogEventFilter { StreamNames = chunk, Start = from, Pattern = pattern }).ToList();
        var events = new List<FilteredLogEvent>();
        try
        {
            foreach (var filter in filters)
            {
                await foreach (var logEvent in logs.FilterLogEventsAsync(group, filter, cancellationToken).ConfigureAwait(false))
                {
                    events.Add(logEvent);
                }
            }
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "ResourceNotFoundException")
        {
            throw new DeploymentRefusedException($"the log group {group} does not exist in {environment.Aws.Region} ({ex.ErrorMessage}); fix: deploy {environment.Name} first, or correct \"logGroup\" in deploy/environments/{environment.Name}.json");
        }

        return events;
    }

    /// <summary>
    /// The streams to read: null for every stream of the service's container, else the named task's or the revision's
    /// tasks'. <paramref name="ofRevision"/> remembers which listed tasks run the revision, so a follow describes each
    /// task once.
    /// </summary>
    private async Task<IReadOnlyList<string>?> StreamsAsync(LogReadRequest request, string prefix, Dictionary<string, bool> ofRevision, CancellationToken cancellationToken)
    {
        if (request.TaskId is { Length: > 0 } task)
        {
            return [prefix + task[(task.LastIndexOf('/') + 1)..]];
        }

        if (request.Revision is not { } revision)
        {
            return null;
        }

        var suffix = $"/{family}:{revision.ToString(CultureInfo.InvariantCulture)}";
        var arns = new List<string>();
        foreach (var status in new[] { "RUNNING", "STOPPED" })
        {
            await foreach (var arn in ecs.ListTasksAsync(environment.Cluster, desiredStatus: status, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                arns.Add(arn);
            }
        }

        var unknown = arns.Where(a => !ofRevision.ContainsKey(a)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var described = await ecs.DescribeTasksAsync(environment.Cluster, unknown, cancellationToken).ConfigureAwait(false);
            foreach (var listed in described.Items.Where(t => t.Arn is not null))
            {
                ofRevision[listed.Arn!] = listed.TaskDefinitionArn?.EndsWith(suffix, StringComparison.Ordinal) == true;
            }
        }

        return [.. arns
            .Where(a => ofRevision.GetValueOrDefault(a))
            .Select(a => prefix + a[(a.LastIndexOf('/') + 1)..])
            .Distinct(StringComparer.Ordinal)];
    }
}
