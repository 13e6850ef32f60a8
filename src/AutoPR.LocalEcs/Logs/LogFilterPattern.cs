using System.Text;

namespace AutoPR.LocalEcs.Logs;

/// <summary>
/// The subset of CloudWatch Logs' filter pattern syntax for unstructured events that LocalEcs understands:
/// terms and "quoted phrases" that must all occur (case-sensitive, anywhere in the message), ?term alternatives
/// of which at least one must occur, and -term exclusions. An empty pattern matches every event. JSON
/// ({ $.x = 1 }) and space-delimited ([a, b]) patterns are refused rather than matched wrongly.
/// </summary>
public sealed class LogFilterPattern
{
    private readonly List<string> _all = [];
    private readonly List<string> _any = [];
    private readonly List<string> _none = [];

    private LogFilterPattern()
    {
    }

    /// <summary>Parses a pattern; a FormatException names what is not supported.</summary>
    public static LogFilterPattern Parse(string? pattern)
    {
        var parsed = new LogFilterPattern();
        var text = (pattern ?? string.Empty).Trim();
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            throw new FormatException("LocalEcs supports only terms, \"quoted phrases\", ?alternatives and -exclusions in filterPattern, not JSON or space-delimited patterns.");
        }

        var position = 0;
        while (position < text.Length)
        {
            if (char.IsWhiteSpace(text[position]))
            {
                position++;
                continue;
            }

            var target = parsed._all;
            if (text[position] is '?' or '-' && position + 1 < text.Length && !char.IsWhiteSpace(text[position + 1]))
            {
                target = text[position] == '?' ? parsed._any : parsed._none;
                position++;
            }

            var term = ReadTerm(text, ref position);
            if (term.Length > 0)
            {
                target.Add(term);
            }
        }

        return parsed;
    }

    /// <summary>Whether the message matches.</summary>
    public bool Matches(string message) =>
        _all.All(t => message.Contains(t, StringComparison.Ordinal))
        && (_any.Count == 0 || _any.Any(t => message.Contains(t, StringComparison.Ordinal)))
        && !_none.Any(t => message.Contains(t, StringComparison.Ordinal));

    private static string ReadTerm(string text, ref int position)
    {
        if (text[position] != '"')
        {
            var start = position;
            while (position < text.Length && !char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            return text[start..position];
        }

        var phrase = new StringBuilder();
        position++;
        while (position < text.Length && text[position] != '"')
        {
            // \" and \\ inside a phrase stand for the character itself.
            if (text[position] == '\\' && position + 1 < text.Length)
            {
                position++;
            }

            phrase.Append(text[position++]);
        }

        if (position >= text.Length)
        {
            throw new FormatException("filterPattern has a quoted phrase without its closing quote.");
        }

        position++;
        return phrase.ToString();
    }
}
