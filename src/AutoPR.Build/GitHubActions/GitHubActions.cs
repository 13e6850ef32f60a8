using System.Text;

namespace AutoPR.Build;

/// <summary>What a build does while it runs under GitHub Actions: the job summary (the page shown for a run).</summary>
public static class GitHubActions
{
    /// <summary>The variable in which the runner names the job's summary file.</summary>
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    /// <summary>The run's secret masker, set by the host before any target runs.</summary>
    internal static SecretRedactor? Redactor { get; set; }

    /// <summary>
    /// Appends <paramref name="markdown"/> (and a line break) to the job summary when the runner provides one; returns
    /// false and writes nothing elsewhere (a local build). Reports from several targets accumulate in order.
    /// </summary>
    public static Task<bool> AppendStepSummaryAsync(string markdown, CancellationToken cancellationToken = default) =>
        AppendStepSummaryAsync(Environment.GetEnvironmentVariable(StepSummaryVariable), markdown, cancellationToken);

    /// <summary>
    /// Writes the workflows the [GitHubActions*] attributes on <paramref name="build"/> declare into
    /// <paramref name="directory"/> (a file only when its text changed), each starting with
    /// <paramref name="headerLines"/> as comments. The result names the changed files, and the targets a workflow runs
    /// that the build does not define.
    /// </summary>
    public static async Task<GitHubActionsWorkflowsWritten> WriteWorkflowsAsync(
        NukeBuild build, string directory, IReadOnlyList<string> headerLines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        var files = GitHubActionsGenerator.Generate(build.GetType(), headerLines);
        var changes = await GitHubActionsGenerator.WriteAsync(files, directory, cancellationToken).ConfigureAwait(false);
        var targets = TargetGraph.Create(build).Targets.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = files
            .SelectMany(file => file.InvokedTargets.Where(t => !targets.Contains(t)).Select(t => $"{file.FileName} runs target {t}, which this build does not define"))
            .ToList();
        return new GitHubActionsWorkflowsWritten(files.Count, changes, unknown);
    }

    internal static async Task<bool> AppendStepSummaryAsync(string? summaryFile, string markdown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (string.IsNullOrEmpty(summaryFile))
        {
            return false;
        }

        // The summary is a file, not the console: mask this run's secrets here too.
        var redacted = Redactor?.Redact(markdown) ?? markdown;
        var text = redacted.EndsWith('\n') ? redacted : redacted + "\n";
        await File.AppendAllTextAsync(summaryFile, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// A markdown table; '|' and line breaks inside cells are escaped so a value cannot break the table.
    /// Rows shorter than the header are padded with empty cells.
    /// </summary>
    public static string MarkdownTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        if (header.Count == 0)
        {
            throw new ArgumentException("A table has at least one column.", nameof(header));
        }

        var table = new StringBuilder();
        AppendRow(table, header);
        AppendRow(table, [.. header.Select(_ => "---")]);
        foreach (var row in rows)
        {
            if (row.Count > header.Count)
            {
                throw new ArgumentException($"A row has {row.Count} cells, the header {header.Count}.", nameof(rows));
            }

            AppendRow(table, [.. row, .. Enumerable.Repeat("", header.Count - row.Count)]);
        }

        return table.ToString();
    }

    private static void AppendRow(StringBuilder table, IReadOnlyList<string> cells) =>
        table.Append("| ").AppendJoin(" | ", cells.Select(Cell)).Append(" |\n");

    private static string Cell(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r\n", "<br>", StringComparison.Ordinal)
            .Replace("\n", "<br>", StringComparison.Ordinal);
}
