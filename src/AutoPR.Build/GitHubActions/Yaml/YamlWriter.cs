using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AutoPR.Build;

/// <summary>
/// Writes a <see cref="YamlMap"/> as block-style YAML through YamlDotNet's emitter (which owns quoting and escaping),
/// with a header comment and a blank line between top-level sections and between the entries of <c>jobs</c>.
/// </summary>
internal static partial class YamlWriter
{
    public static string Write(YamlMap document, IEnumerable<string> headerLines)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, EmitterSettings.Default.WithIndentedSequences().WithBestWidth(int.MaxValue).WithNewLine("\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, document);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());

        var header = string.Concat(headerLines.Select(line => "# " + line + "\n"));
        return header + Spaced(text.ToString());
    }

    private static void Emit(IEmitter emitter, YamlNode node)
    {
        switch (node)
        {
            case YamlMap map:
                var empty = map.Entries.Count == 0;
                emitter.Emit(new MappingStart(null, null, isImplicit: true, empty ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in map.Entries)
                {
                    emitter.Emit(new Scalar(key));
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case YamlSequence sequence:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, sequence.Items.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in sequence.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case YamlPlain plain:
                emitter.Emit(new Scalar(null, null, plain.Value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            case YamlText text:
                emitter.Emit(new Scalar(null, null, text.Value, StyleOf(text.Value), isPlainImplicit: true, isQuotedImplicit: true));
                break;
            default:
                throw new ArgumentException($"Unknown YAML node {node.GetType().Name}.", nameof(node));
        }
    }

    /// <summary>
    /// The emitter quotes what YAML syntax requires, but not words a YAML 1.1 reader resolves to another type
    /// ("true", "on", "60", "null"): a string that looks like one is double-quoted so it stays a string.
    /// </summary>
    private static ScalarStyle StyleOf(string value) =>
        value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
        : value.Length == 0 || NonString().IsMatch(value) ? ScalarStyle.DoubleQuoted
        : ScalarStyle.Any;

    [GeneratedRegex(@"^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\.?[0-9][0-9_]*(?:\.[0-9_]*)?(?:e[-+]?[0-9]+)?|0x[0-9a-f_]+|0o?[0-7_]+|\.inf)|\.nan)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonString();

    /// <summary>Blank lines before every top-level key but the first, and between jobs, so a reviewer sees the structure.</summary>
    private static string Spaced(string yaml)
    {
        var lines = yaml.TrimEnd('\n').Split('\n');
        var result = new List<string>(lines.Length + 16);
        var inJobs = false;
        var firstJob = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var topLevel = line.Length > 0 && line[0] != ' ';
            if (topLevel)
            {
                if (i > 0)
                {
                    result.Add("");
                }

                inJobs = line == "jobs:";
            }
            else if (inJobs && line.Length > 2 && line.StartsWith("  ", StringComparison.Ordinal) && line[2] != ' ')
            {
                if (!firstJob)
                {
                    result.Add("");
                }

                firstJob = false;
            }

            result.Add(line);
        }

        return string.Join('\n', result) + "\n";
    }
}
