using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Logs;

/// <summary>
/// Amazon CloudWatch Logs over AWS JSON 1.1 (Logs_20140328): a stream's lines (the failing containers' last words),
/// a group's lines across streams (FilterLogEvents, for the Logs target) and its streams.
/// </summary>
public sealed class LogsClient(AwsJsonClient core)
{
    /// <summary>The most events GetLogEvents returns in one page.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The most pages <see cref="GetLastLinesAsync"/> reads (a safeguard should the service keep handing out new tokens for empty pages).</summary>
    public const int MaxPages = 50;

    /// <summary>Every operation this client calls (for the deployer's IAM policy).</summary>
    public static IReadOnlyList<AwsOperation> Operations => LogsOperations.All;

    /// <summary>GetLogEvents: one page of a stream, from its head or its tail, or from a token of an earlier page.</summary>
    public async Task<LogEventsPage> GetLogEventsAsync(
        string logGroupName,
        string logStreamName,
        bool startFromHead,
        int? limit = null,
        string? nextToken = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logGroupName);
        ArgumentException.ThrowIfNullOrWhiteSpace(logStreamName);
        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"GetLogEvents takes a limit from 1 to {MaxLimit}");
        }

        var request = new JsonObject
        {
            ["logGroupName"] = logGroupName,
            ["logStreamName"] = logStreamName,
            ["startFromHead"] = startFromHead,
        }.With("limit", limit).With("nextToken", nextToken);
        var response = await core.SendAsync(LogsOperations.GetLogEvents, request, cancellationToken).ConfigureAwait(false);
        return LogEventsPage.From(response);
    }

    /// <summary>
    /// The last <paramref name="lines"/> events of a stream, oldest first: reads backwards from the end
    /// (startFromHead=false, then each page's nextBackwardToken) until it has enough, or the token comes back
    /// unchanged (the start of the stream), or after <see cref="MaxPages"/> pages.
    /// </summary>
    public async Task<IReadOnlyList<LogEvent>> GetLastLinesAsync(string logGroupName, string logStreamName, int lines, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lines);
        var pages = new List<IReadOnlyList<LogEvent>>();
        var count = 0;
        string? token = null;
        for (var page = 0; page < MaxPages && count < lines; page++)
        {
            var answer = await GetLogEventsAsync(logGroupName, logStreamName, startFromHead: false, Math.Min(lines - count, MaxLimit), token, cancellationToken).ConfigureAwait(false);
            pages.Add(answer.Events);
            count += answer.Events.Count;
            if (answer.NextBackwardToken is null || answer.NextBackwardToken == token)
            {
                break;
            }

            token = answer.NextBackwardToken;
        }

        // Pages arrive newest first, each in time order: the oldest page goes first.
        var all = pages.AsEnumerable().Reverse().SelectMany(p => p).ToList();
        return all.Count <= lines ? all : all[^lines..];
    }

    /// <summary>
    /// FilterLogEvents, every page: the group's events in time order, from the streams and times
    /// <paramref name="filter"/> names, matching its CloudWatch filter pattern.
    /// </summary>
    public async IAsyncEnumerable<FilteredLogEvent> FilterLogEventsAsync(string logGroupName, LogEventFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logGroupName);
        ArgumentNullException.ThrowIfNull(filter);
        var request = new JsonObject { ["logGroupName"] = logGroupName }
            .With("logStreamNames", filter.StreamNames is { Count: > 0 } names ? JsonBuild.Strings(names) : null)
            .With("logStreamNamePrefix", filter.StreamNamePrefix)
            .With("startTime", filter.Start is { } start ? JsonValue.Create(start.ToUnixTimeMilliseconds()) : null)
            .With("endTime", filter.End is { } end ? JsonValue.Create(end.ToUnixTimeMilliseconds()) : null)
            .With("filterPattern", string.IsNullOrWhiteSpace(filter.Pattern) ? null : filter.Pattern)
            .With("limit", filter.PageSize);
        await foreach (var page in core.PaginateAsync(LogsOperations.FilterLogEvents, request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in JsonRead.GetArray(page, "events"))
            {
                yield return FilteredLogEvent.From(item);
            }
        }
    }

    /// <summary>DescribeLogStreams, every page, by name (those starting with <paramref name="prefix"/>, when given).</summary>
    public async IAsyncEnumerable<LogStreamInfo> DescribeLogStreamsAsync(string logGroupName, string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logGroupName);
        var request = new JsonObject { ["logGroupName"] = logGroupName }.With("logStreamNamePrefix", prefix);
        await foreach (var page in core.PaginateAsync(LogsOperations.DescribeLogStreams, request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in JsonRead.GetArray(page, "logStreams"))
            {
                yield return LogStreamInfo.From(item);
            }
        }
    }
}
