using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Logs;

/// <summary>One log line: when it was logged (milliseconds since the epoch on the wire) and its text.</summary>
public sealed record LogEvent(DateTimeOffset Timestamp, string Message);

/// <summary>
/// One GetLogEvents answer: its events, oldest first, and the tokens to the next older and newer pages (at either
/// end of the stream AWS hands back the token it was given).
/// </summary>
public sealed record LogEventsPage(IReadOnlyList<LogEvent> Events, string? NextForwardToken, string? NextBackwardToken)
{
    /// <summary>Reads a GetLogEvents response document.</summary>
    internal static LogEventsPage From(JsonObject response) => new(
        [.. JsonRead.GetArray(response, "events").Select(e => new LogEvent(
            DateTimeOffset.FromUnixTimeMilliseconds((long)(JsonRead.GetNumber(e, "timestamp") ?? 0)),
            JsonRead.GetString(e, "message") ?? string.Empty))],
        JsonRead.GetString(response, "nextForwardToken"),
        JsonRead.GetString(response, "nextBackwardToken"));
}
