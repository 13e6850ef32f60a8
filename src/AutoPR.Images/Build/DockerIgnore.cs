using System.Text;
using System.Text.RegularExpressions;

namespace AutoPR.Images.Build;

/// <summary>
/// .dockerignore rules with the docker CLI's semantics (moby patternmatcher): patterns are
/// cleaned paths relative to the context root, `*` and `?` stay within a path segment, `**`
/// spans segments, `!` re-includes, the last matching rule wins, and a rule matching a parent
/// folder matches everything beneath it.
/// </summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<Rule> _rules;

    private DockerIgnore(IReadOnlyList<Rule> rules) => _rules = rules;

    /// <summary>No rules: everything is included.</summary>
    public static DockerIgnore Empty { get; } = new([]);

    /// <summary>Whether any rule re-includes (a `!` rule).</summary>
    public bool HasExceptions => _rules.Any(rule => rule.IsException);

    public static DockerIgnore Parse(string text)
    {
        var rules = new List<Rule>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            // As in the CLI: '#' only starts a comment in the first column.
            if (line.StartsWith('#'))
            {
                continue;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var isException = line[0] == '!';
            if (isException)
            {
                line = line[1..].Trim();
            }

            if (line.Length > 0)
            {
                line = CleanPath(line);
                if (line.Length > 1 && line[0] == '/')
                {
                    line = line[1..];
                }
            }

            rules.Add(new Rule(line, isException, Compile(line)));
        }

        return new DockerIgnore(rules);
    }

    public static async Task<DockerIgnore> LoadAsync(string contextDirectory, CancellationToken cancellationToken)
    {
        var file = Path.Combine(contextDirectory, ".dockerignore");
        return File.Exists(file) ? Parse(await File.ReadAllTextAsync(file, cancellationToken)) : Empty;
    }

    /// <summary>Whether the file or folder at <paramref name="relativePath"/> (forward slashes) is left out.</summary>
    public bool IsExcluded(string relativePath)
    {
        var path = CleanPath(relativePath);
        var parent = ParentOf(path);
        var parentSegments = parent == "." ? [] : parent.Split('/');
        var excluded = false;
        foreach (var rule in _rules)
        {
            // A rule can only change the outcome when it points the other way.
            if (rule.IsException != excluded)
            {
                continue;
            }

            var matches = rule.Pattern.IsMatch(path);
            for (var depth = 1; !matches && depth <= parentSegments.Length; depth++)
            {
                matches = rule.Pattern.IsMatch(string.Join('/', parentSegments, 0, depth));
            }

            if (matches)
            {
                excluded = !rule.IsException;
            }
        }

        return excluded;
    }

    /// <summary>
    /// Whether an excluded folder must still be walked because an exception rule names a path
    /// beneath it (the CLI's rule: the exception's text starts with the folder's path).
    /// </summary>
    public bool MayReincludeBeneath(string relativeFolder)
    {
        var folder = CleanPath(relativeFolder) + "/";
        return _rules.Any(rule => rule.IsException && (rule.Text + "/").StartsWith(folder, StringComparison.Ordinal));
    }

    /// <summary>Go's filepath.Clean for slash-separated paths.</summary>
    internal static string CleanPath(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add(segment);
                }

                continue;
            }

            parts.Add(segment);
        }

        var cleaned = string.Join('/', parts);
        return rooted ? "/" + cleaned : cleaned.Length == 0 ? "." : cleaned;
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : path[..slash];
    }

    /// <summary>The CLI's translation of a pattern into a regular expression.</summary>
    internal static Regex Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    // "**/" is treated as "**".
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                    }

                    // "**" at the end accepts everything; elsewhere any number of folders, even none.
                    regex.Append(i + 1 >= pattern.Length ? ".*" : "(.*/)?");
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '\\':
                    if (i + 1 < pattern.Length)
                    {
                        i++;
                        regex.Append(Regex.Escape(pattern[i].ToString()));
                    }
                    else
                    {
                        regex.Append(@"\\");
                    }

                    break;
                case '[' or ']':
                    regex.Append(c);
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        regex.Append('$');
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private sealed record Rule(string Text, bool IsException, Regex Pattern);
}
