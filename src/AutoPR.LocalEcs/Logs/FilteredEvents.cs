using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AutoPR.LocalEcs.Logs;

/// <summary>
/// FilterLogEvents' ordering and paging over several streams: events in (timestamp, stream, sequence) order, and a
/// nextToken that is the position after a page's last event, so a later page never repeats or skips one, even
/// while the streams grow. A token is handed out only when matching events remain beyond the page.
/// </summary>
public static class FilteredEvents
{
    public sealed record Match(string Stream, LogEvent Event)
    {
        /// <summary>A digit string unique in the group, stable across calls (as AWS's eventId is).</summary>
        public string EventId => string.Create(CultureInfo.InvariantCulture, $"{Event.Timestamp:D20}{StreamNumber(Stream):D10}{Event.Sequence:D20}");
    }

    public static (IReadOnlyList<Match> Page, string? NextToken) Read(
        IEnumerable<LogStore.StreamEvents> streams, LogFilterPattern pattern, long? startTime, long? endTime, int limit, string? token)
    {
        var after = token is null ? null : Parse(token);
        var matches = streams
            .SelectMany(s => s.Events.Select(e => new Match(s.Stream, e)))
            .Where(m => (startTime is null || m.Event.Timestamp >= startTime) && (endTime is null || m.Event.Timestamp <= endTime))
            .Where(m => after is null || Compare(Key(m), after.Value) > 0)
            .Where(m => pattern.Matches(m.Event.Message))
            .OrderBy(m => m.Event.Timestamp)
            .ThenBy(m => m.Stream, StringComparer.Ordinal)
            .ThenBy(m => m.Event.Sequence)
            .Take(limit + 1)
            .ToList();
        if (matches.Count <= limit)
        {
            return (matches, null);
        }

        var page = matches[..limit];
        return (page, Format(Key(page[^1])));
    }

    public static bool IsValid(string token) => Parse(token) is not null;

    private static (long Timestamp, string Stream, long Sequence) Key(Match match) => (match.Event.Timestamp, match.Stream, match.Event.Sequence);

    private static int Compare((long Timestamp, string Stream, long Sequence) a, (long Timestamp, string Stream, long Sequence) b)
    {
        var byTime = a.Timestamp.CompareTo(b.Timestamp);
        if (byTime != 0)
        {
            return byTime;
        }

        var byStream = string.CompareOrdinal(a.Stream, b.Stream);
        return byStream != 0 ? byStream : a.Sequence.CompareTo(b.Sequence);
    }

    private static string Format((long Timestamp, string Stream, long Sequence) key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{key.Timestamp}\n{key.Sequence}\n{key.Stream}")));

    private static (long Timestamp, string Stream, long Sequence)? Parse(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\n', 3);
            return parts.Length == 3
                && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                ? (timestamp, parts[2], sequence)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static long StreamNumber(string stream) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(stream)), 0);
}
