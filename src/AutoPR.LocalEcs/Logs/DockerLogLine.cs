using System.Globalization;

namespace AutoPR.LocalEcs.Logs;

/// <summary>A line of `docker logs --timestamps`: an RFC 3339 time with nanoseconds, a space, the text.</summary>
public static class DockerLogLine
{
    public static (long Timestamp, string Message) Parse(string line, long fallback)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var stamp = space > 0 ? line[..space] : line;
        var dot = stamp.IndexOf('.', StringComparison.Ordinal);
        var whole = dot > 0 ? stamp[..dot] : stamp.TrimEnd('Z');
        if (!DateTime.TryParseExact(whole, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var seconds))
        {
            return (fallback, line);
        }

        var fraction = dot > 0 ? new string([.. stamp[(dot + 1)..].TakeWhile(char.IsAsciiDigit)]) : string.Empty;
        var milliseconds = fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(3, '0')[..3], CultureInfo.InvariantCulture);
        var time = new DateTimeOffset(seconds, TimeSpan.Zero).ToUnixTimeMilliseconds() + milliseconds;
        return (time, space > 0 ? line[(space + 1)..] : string.Empty);
    }
}
