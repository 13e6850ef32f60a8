using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Logs;

/// <summary>One FilterLogEvents event: its stream, when it was logged, its text and its id (unique in the group).</summary>
public sealed record FilteredLogEvent(string LogStreamName, DateTimeOffset Timestamp, string Message, string? EventId)
{
    internal static FilteredLogEvent From(JsonNode item) => new(
        JsonRead.GetString(item, "logStreamName") ?? string.Empty,
        DateTimeOffset.FromUnixTimeMilliseconds((long)(JsonRead.GetNumber(item, "timestamp") ?? 0)),
        JsonRead.GetString(item, "message") ?? string.Empty,
        JsonRead.GetString(item, "eventId"));
}

/// <summary>What FilterLogEvents reads: some streams (by name or prefix; all when neither), a time range, a pattern.</summary>
public sealed record LogEventFilter
{
    /// <summary>Only these streams (at most 100).</summary>
    public IReadOnlyList<string>? StreamNames { get; init; }

    /// <summary>Only streams whose names start with this (not with <see cref="StreamNames"/>).</summary>
    public string? StreamNamePrefix { get; init; }

    /// <summary>Events at or after this time.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Events at or before this time.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>A CloudWatch Logs filter pattern (for example <c>ERROR</c> or <c>"connection refused"</c>).</summary>
    public string? Pattern { get; init; }

    /// <summary>Events a page (1 to 10,000; the service's default when null).</summary>
    public int? PageSize { get; init; }
}

/// <summary>One DescribeLogStreams entry.</summary>
public sealed record LogStreamInfo(string Name, DateTimeOffset? CreationTime, DateTimeOffset? FirstEventTimestamp, DateTimeOffset? LastEventTimestamp)
{
    internal static LogStreamInfo From(JsonNode item) => new(
        JsonRead.GetString(item, "logStreamName") ?? string.Empty,
        Millis(item, "creationTime"),
        Millis(item, "firstEventTimestamp"),
        Millis(item, "lastEventTimestamp"));

    private static DateTimeOffset? Millis(JsonNode item, string name) =>
        JsonRead.GetNumber(item, name) is { } value ? DateTimeOffset.FromUnixTimeMilliseconds((long)value) : null;
}
