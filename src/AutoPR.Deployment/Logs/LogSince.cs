using System.Globalization;
using System.Text.RegularExpressions;

namespace AutoPR.Deployment.Logs;

/// <summary>--since: a duration back from now (30s, 10m, 2h, 1d, or combined: 1h30m) or an ISO 8601 time (UTC unless it says otherwise).</summary>
public static partial class LogSince
{
    /// <summary>What the Logs target says when --since cannot be read.</summary>
    public const string Expected = "--since takes a duration back from now (30s, 10m, 2h, 1d, 1h30m) or an ISO 8601 time (2026-12-06T21:00:00Z)";

    /// <summary>The time <paramref name="text"/> means at <paramref name="now"/>, or null when it cannot be read.</summary>
    public static DateTimeOffset? Parse(string? text, DateTimeOffset now)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Duration().Match(value) is { Success: true } match && match.Length > 0)
        {
            var span = TimeSpan.FromDays(Part(match, "d")) + TimeSpan.FromHours(Part(match, "h")) + TimeSpan.FromMinutes(Part(match, "m")) + TimeSpan.FromSeconds(Part(match, "s"));
            return span > TimeSpan.Zero ? now - span : null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            && value.Contains('-', StringComparison.Ordinal)
            ? time
            : null;
    }

    private static int Part(Match match, string unit) =>
        match.Groups[unit].Success ? int.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<d>\d{1,4})d)?(?:(?<h>\d{1,5})h)?(?:(?<m>\d{1,6})m)?(?:(?<s>\d{1,7})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
