using System.Text;
using DiffPlex.Renderer;

namespace AutoPR.Deployment.Diff;

/// <summary>
/// The difference between what runs and what was rendered, both in canonical form. <see cref="ToString"/> prints a
/// compact unified diff ("-" running, "+" rendered, 3 lines of context), or one line when nothing changes.
/// </summary>
public sealed record DefinitionDiff(string Subject, string? RunningLabel, string RenderedLabel, string? RunningText, string RenderedText)
{
    private const int ContextLines = 3;

    /// <summary>Whether nothing runs yet (everything is new).</summary>
    public bool IsNew => RunningText is null;

    /// <summary>Whether applying the rendered document changes anything.</summary>
    public bool HasChanges => !string.Equals(RunningText, RenderedText, StringComparison.Ordinal);

    /// <summary>The unified diff lines (headers and hunks), empty when nothing changes.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            if (!HasChanges)
            {
                return [];
            }

            var before = RunningText is null ? string.Empty : RunningText + "\n";
            var after = RenderedText.Length == 0 ? string.Empty : RenderedText + "\n";
            var text = new UnidiffRenderer(null, ContextLines).Generate(before, after, RunningLabel ?? "(nothing)", RenderedLabel, false, false);
            return text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        }
    }

    /// <summary>"SUBJECT: no changes", or a header line and the unified diff.</summary>
    public override string ToString()
    {
        if (!HasChanges)
        {
            return $"{Subject}: no changes";
        }

        var builder = new StringBuilder();
        builder.Append(Subject).Append(IsNew ? ": new" : ": changes").Append('\n');
        foreach (var line in Lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }
}
