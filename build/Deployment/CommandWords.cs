using System.Text;

namespace AutoPR.BuildDefinition.Deployment;

/// <summary>Splits --command "migrate --to 1" into the container's command words, as a shell would (quotes group, no expansion).</summary>
internal static class CommandWords
{
    public static IReadOnlyList<string> Split(string? command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in command ?? "")
        {
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            throw new ArgumentException($"--command has an unclosed {quote} quote: {command}");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
