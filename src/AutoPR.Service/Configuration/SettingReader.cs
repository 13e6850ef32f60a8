using System.Globalization;

namespace AutoPR.Service.Configuration;

/// <summary>
/// Reads typed settings by their exact environment-variable names (configuration keys equal the names).
/// Every malformed value fails with one line that names the variable, the bad value and the fix.
/// </summary>
internal sealed class SettingReader(Func<string, string?> lookup)
{
    public SettingReader(IConfiguration configuration)
        : this(name => configuration[name])
    {
    }

    /// <summary>The trimmed value, or null when the variable is unset or blank.</summary>
    public string? GetString(string name) => lookup(name) is { } raw && !string.IsNullOrWhiteSpace(raw) ? raw.Trim() : null;

    public double GetNumber(string name, double defaultValue, double minimum, double maximum, string example)
    {
        if (GetString(name) is not { } raw)
        {
            return defaultValue;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || value < minimum || value > maximum)
        {
            throw Invalid(name, raw, $"a number from {Format(minimum)} to {Format(maximum)} (e.g. {example})");
        }

        return value;
    }

    public int GetInteger(string name, int defaultValue, int minimum, int maximum, string example)
    {
        if (GetString(name) is not { } raw)
        {
            return defaultValue;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            throw Invalid(name, raw, $"a whole number from {minimum} to {maximum} (e.g. {example})");
        }

        return value;
    }

    public TimeSpan GetSeconds(string name, TimeSpan defaultValue, double maximumSeconds, string example) =>
        TimeSpan.FromSeconds(GetNumber(name, defaultValue.TotalSeconds, 0, maximumSeconds, example));

    public bool GetFlag(string name)
    {
        if (GetString(name) is not { } raw)
        {
            return false;
        }

        return raw.ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" or "ON" => true,
            "FALSE" or "0" or "NO" or "OFF" => false,
            _ => throw Invalid(name, raw, "true or false"),
        };
    }

    public static InvalidSettingException Invalid(string name, string raw, string expected) =>
        new($"{name}='{raw}' is not valid: expected {expected}; fix the value or unset {name}.");

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
