using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Logs;

/// <summary>Amazon CloudWatch Logs over AWS JSON 1.1 (Logs_20140328): a stream's lines, for the failing containers' last words.</summary>
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
}
