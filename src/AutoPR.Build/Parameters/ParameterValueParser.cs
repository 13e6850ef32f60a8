using System.Globalization;
using System.Text.RegularExpressions;

namespace AutoPR.Build;

/// <summary>Turns the raw text of a parameter, from whichever source, into its typed value or one clear error.</summary>
internal static partial class ParameterValueParser
{
    public static object? Parse(ParameterDescriptor parameter, IReadOnlyList<string> raw, string source, string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(raw);

        if (parameter.IsFlag && raw.Count == 0)
        {
            return true;
        }

        if (parameter.IsArray)
        {
            var array = Array.CreateInstance(parameter.ScalarType, raw.Count);
            for (var i = 0; i < raw.Count; i++)
            {
                array.SetValue(ParseOne(parameter, raw[i], source, rootDirectory), i);
            }

            return array;
        }

        return raw.Count switch
        {
            0 => throw new UsageException($"{parameter.OptionName} ({source}) needs a value: {Example(parameter)}."),
            1 => ParseOne(parameter, raw[0], source, rootDirectory),
            _ => throw new UsageException($"{parameter.OptionName} ({source}) takes one value but got {raw.Count}: {Example(parameter)}."),
        };
    }

    private static object ParseOne(ParameterDescriptor parameter, string text, string source, string rootDirectory)
    {
        var type = parameter.ScalarType;
        object? value = type switch
        {
            _ when type == typeof(string) => MatchAllowed(parameter, text),
            _ when type == typeof(bool) => ParseBool(text),
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            _ when type == typeof(TimeSpan) => ParseDuration(text),
            _ when type == typeof(AbsolutePath) => text.Length > 0 ? AbsolutePath.Create(text, rootDirectory) : null,
            _ when type == typeof(Uri) => Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null,
            _ when type.IsEnum => MatchAllowed(parameter, text) is { } name ? Enum.Parse(type, name) : null,
            _ => throw new InvalidOperationException($"Parameter {parameter.Name} has unsupported type {type.Name}."),
        };

        // A secret's text stays out of the message even when it is malformed.
        var shown = parameter.IsSecret ? "the given value" : $"'{text}'";
        return value ?? throw new UsageException($"{parameter.OptionName} ({source}): {shown} is not {Expectation(parameter)}; {Example(parameter)}.");
    }

    private static string? MatchAllowed(ParameterDescriptor parameter, string text) =>
        parameter.AllowedValues is { } allowed
            ? allowed.FirstOrDefault(a => TargetNames.Normalize(a) == TargetNames.Normalize(text))
            : text;

    private static object? ParseBool(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" or "ON" => true,
        "FALSE" or "0" or "NO" or "OFF" => false,
        _ => null,
    };

    /// <summary>Accepts "90s", "5m", "1h30m", "250ms" and the invariant "hh:mm:ss" ("d.hh:mm:ss"); a bare number has no unit and is rejected.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = DurationPattern().Match(text.Trim());
        if (match.Success && text.Trim().Length > 0)
        {
            double Part(string group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            return TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s")) + TimeSpan.FromMilliseconds(Part("ms"));
        }

        // Clock time only: TimeSpan.Parse reads a bare "300" as 300 days, which nobody typing --timeout 300 means.
        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    /// <summary>A duration the way <see cref="ParseDuration"/> reads it back: "1h30m", "45s", "250ms".</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var text = new System.Text.StringBuilder();
        void Part(long value, string unit)
        {
            if (value > 0)
            {
                text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }

        Part((long)duration.TotalHours, "h");
        Part(duration.Minutes, "m");
        Part(duration.Seconds, "s");
        Part(duration.Milliseconds, "ms");
        return text.Length > 0 ? text.ToString() : "0s";
    }

    private static string Expectation(ParameterDescriptor parameter) => parameter.ScalarType switch
    {
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(double) => "a number",
        var t when t == typeof(TimeSpan) => "a duration",
        var t when t == typeof(Uri) => "an absolute URL",
        var t when t == typeof(AbsolutePath) => "a path",
        _ when parameter.AllowedValues is { } allowed => $"one of {string.Join(", ", allowed)}",
        _ => "valid",
    };

    private static string Example(ParameterDescriptor parameter)
    {
        var sample = parameter.ScalarType switch
        {
            var t when t == typeof(bool) => "true",
            var t when t == typeof(int) || t == typeof(long) => "3",
            var t when t == typeof(double) => "0.5",
            var t when t == typeof(TimeSpan) => "90s",
            var t when t == typeof(Uri) => "http://127.0.0.1:8080",
            var t when t == typeof(AbsolutePath) => "artifacts/out",
            _ when parameter.AllowedValues is { Count: > 0 } allowed => allowed[0],
            _ => "<value>",
        };
        return $"for example {parameter.OptionName} {sample}";
    }

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?!s))?(?:(?<s>\d+(?:\.\d+)?)s)?(?:(?<ms>\d+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
