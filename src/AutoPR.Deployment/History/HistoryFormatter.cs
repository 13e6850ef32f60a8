using System.Globalization;
using System.Text;

namespace AutoPR.Deployment.History;

/// <summary>Prints history records as a plain-text table or a markdown table, newest first as given.</summary>
public static class HistoryFormatter
{
    private static readonly string[] Headers = ["STARTED (UTC)", "KIND", "OUTCOME", "REV", "IMAGE", "GIT", "SCHEMA", "ACTOR", "TOOK", "REASON"];

    /// <summary>An aligned text table ("no deployments recorded" when empty).</summary>
    public static string ToText(IEnumerable<DeploymentRecord> records, string environment)
    {
        var rows = records.Select(Cells).ToList();
        if (rows.Count == 0)
        {
            return $"{environment}: no deployments recorded";
        }

        var widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var builder = new StringBuilder();
        builder.Append(environment).Append(": ").Append(rows.Count.ToString(CultureInfo.InvariantCulture)).Append(" record(s), newest first\n");
        AppendRow(builder, Headers, widths);
        foreach (var row in rows)
        {
            AppendRow(builder, row, widths);
        }

        return builder.ToString().TrimEnd('\n');
    }

    /// <summary>A markdown table (for a CI step summary).</summary>
    public static string ToMarkdown(IEnumerable<DeploymentRecord> records, string environment)
    {
        var builder = new StringBuilder();
        builder.Append("### Deployment history: ").Append(environment).Append("\n\n");
        builder.Append("| ").Append(string.Join(" | ", Headers)).Append(" |\n");
        builder.Append('|').Append(string.Concat(Headers.Select(_ => " --- |"))).Append('\n');
        foreach (var row in records.Select(Cells))
        {
            builder.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }

        return builder.ToString();
    }

    private static string[] Cells(DeploymentRecord r) =>
    [
        r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        r.Kind.ToString(),
        r.Outcome.ToString(),
        r.Revision.ToString(CultureInfo.InvariantCulture),
        r.ImageDigest is { Length: > 19 } d ? d[..19] : r.ImageDigest ?? "-",
        r.GitSha is { Length: > 7 } s ? s[..7] : r.GitSha ?? "-",
        r.Schema is { } schema ? schema.Version.ToString(CultureInfo.InvariantCulture) : "-",
        r.Actor,
        r.FinishedAt is { } f ? Duration(f - r.StartedAt) : "-",
        r.Reason ?? string.Empty,
    ];

    private static string Duration(TimeSpan span) =>
        span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0}s");

    private static void AppendRow(StringBuilder builder, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        builder.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
