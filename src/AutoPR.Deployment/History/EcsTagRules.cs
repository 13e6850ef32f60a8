using System.Globalization;
using System.Text;

namespace AutoPR.Deployment.History;

/// <summary>
/// ECS tag limits: at most 50 tags per resource, keys 1-128 and values 0-256 characters, made of letters, numbers,
/// spaces and + - = . _ : / @ only.
/// </summary>
public static class EcsTagRules
{
    /// <summary>Tags per resource.</summary>
    public const int MaxTags = 50;

    /// <summary>Characters per key.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>Characters per value.</summary>
    public const int MaxValueLength = 256;

    /// <summary>Whether ECS accepts <paramref name="c"/> in a tag.</summary>
    public static bool IsAllowed(char c) =>
        char.IsLetter(c) || char.IsNumber(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator || "+-=._:/@".Contains(c, StringComparison.Ordinal);

    /// <summary>Whether a whole key/value is acceptable.</summary>
    public static bool IsValid(string key, string value) =>
        key.Length is > 0 and <= MaxKeyLength && value.Length <= MaxValueLength && key.All(IsAllowed) && value.All(IsAllowed);

    /// <summary>A single token (no spaces): disallowed characters and spaces become '_'.</summary>
    public static string Token(string? text) =>
        string.IsNullOrEmpty(text) ? "-" : new string(text.Select(c => IsAllowed(c) && !char.IsWhiteSpace(c) ? c : '_').ToArray());

    /// <summary>Free text: disallowed characters become spaces, runs of spaces one, cut to <paramref name="maxLength"/> with "...".</summary>
    public static string Text(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text) || maxLength <= 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var mapped = IsAllowed(c) && !char.IsControl(c) ? c : ' ';
            if (mapped == ' ' && (builder.Length == 0 || builder[^1] == ' '))
            {
                continue;
            }

            builder.Append(mapped);
        }

        var clean = builder.ToString().TrimEnd();
        return clean.Length <= maxLength ? clean : clean[..Math.Max(0, maxLength - 3)].TrimEnd() + "...";
    }
}
