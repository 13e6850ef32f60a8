using System.Text.RegularExpressions;

namespace AutoPR.Build.Tests.Support;

/// <summary>Reads the summary table printed at the end of a run: Target, Status, Duration, Note.</summary>
internal static class SummaryTable
{
    public static void AssertHeader(string output) =>
        Assert.Matches(new Regex(@"^\s*Target\s+Status\s+Duration\s+Note\s*$", RegexOptions.Multiline), output);

    /// <summary>The row of <paramref name="target"/> has <paramref name="status"/> and, when given, ends with <paramref name="note"/>.</summary>
    public static void AssertRow(string output, string target, string status, string? note = null)
    {
        var duration = @"(?:\d+\.\ds|\d+:\d\d(?::\d\d)?)";
        var noteText = note is null ? "" : Regex.Escape(note);
        var pattern = $@"^\s*{Regex.Escape(target)}\s+{status}(?:\s+{duration})?\s*{noteText}\s*$";
        Assert.Matches(new Regex(pattern, RegexOptions.Multiline), output);
    }
}
