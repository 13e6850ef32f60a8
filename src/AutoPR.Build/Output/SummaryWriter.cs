using System.Globalization;
using Spectre.Console;

namespace AutoPR.Build;

/// <summary>The table printed at the end of every run: target, status, duration, note.</summary>
internal static class SummaryWriter
{
    public static void Write(IAnsiConsole console, ExecutionPlan plan, TimeSpan total)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(plan);

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Target").AddColumn("Status").AddColumn(new TableColumn("Duration").RightAligned()).AddColumn("Note");
        foreach (var target in plan.Ordered)
        {
            table.AddRow(
                Markup.Escape(target.Name),
                $"[{Colour(target.Status)}]{target.Status}[/]",
                target.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted ? Format(target.Duration) : "",
                Markup.Escape(OneLine(target.Note)));
        }

        table.AddEmptyRow();
        table.AddRow("Total", "", Format(total), "");
        console.Write(table);
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalHours >= 1 ? duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : duration.TotalMinutes >= 1 ? duration.ToString(@"m\:ss", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0}s");

    private static string OneLine(string? note) =>
        note is null ? "" : note.ReplaceLineEndings(" ").Trim() is var line && line.Length > 100 ? line[..97] + "..." : line;

    private static string Colour(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded => "green",
        TargetStatus.Failed or TargetStatus.Aborted => "red",
        TargetStatus.Skipped => "grey",
        _ => "yellow",
    };
}
