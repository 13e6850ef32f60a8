using System.Globalization;

namespace AutoPR.LocalEcs.Logs;

/// <summary>
/// GetLogEvents' paging: a token is a position in the stream, "f/N" (forward: events from sequence N on) or
/// "b/N" (backward: events before N). A page's nextForwardToken points after its last event and its
/// nextBackwardToken at its first; a page with no events hands back the token it was given, as AWS does.
/// </summary>
public static class LogEventPage
{
    public static (IReadOnlyList<LogEvent> Events, string Forward, string Backward) Read(
        LogStream stream, string? token, bool startFromHead, int limit, long? startTime, long? endTime)
    {
        var (forward, position) = token is null ? (startFromHead, startFromHead ? 0 : stream.NextSequence) : Parse(token);
        var candidates = stream.Events.Where(e => (startTime is null || e.Timestamp >= startTime) && (endTime is null || e.Timestamp < endTime));
        var page = forward
            ? candidates.Where(e => e.Sequence >= position).Take(limit).ToList()
            : candidates.Where(e => e.Sequence < position).TakeLast(limit).ToList();
        if (page.Count == 0)
        {
            return ([], Format('f', position), Format('b', position));
        }

        return (page, Format('f', page[^1].Sequence + 1), Format('b', page[0].Sequence));
    }

    public static bool IsValid(string token)
    {
        try
        {
            Parse(token);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static (bool Forward, long Position) Parse(string token)
    {
        if (token.Length < 3 || token[1] != '/' || token[0] is not ('f' or 'b')
            || !long.TryParse(token[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            throw new FormatException("The specified nextToken is invalid.");
        }

        return (token[0] == 'f', position);
    }

    private static string Format(char direction, long position) =>
        $"{direction}/{position.ToString("D56", CultureInfo.InvariantCulture)}";
}
