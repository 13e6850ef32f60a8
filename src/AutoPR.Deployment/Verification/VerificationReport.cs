using System.Globalization;
using System.Text;
using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Verification;

/// <summary>The outcome of a verification: every check with its observed value and threshold. Prints as text or markdown.</summary>
public sealed record VerificationReport
{
    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>The revision verified.</summary>
    public required string TaskDefinitionArn { get; init; }

    /// <summary>The git revision /version had to report.</summary>
    public string? ExpectedRevision { get; init; }

    /// <summary>The checks, in order.</summary>
    public required IReadOnlyList<VerificationCheck> Checks { get; init; }

    /// <summary>When verification started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>The database schema the verified release needs, as its /version stated it (null: it has no database, or did not say).</summary>
    public Database.SchemaInfo? Schema { get; init; }

    /// <summary>Whether no check failed and at least one passed.</summary>
    public bool Passed => Checks.All(c => c.Status != CheckStatus.Failed) && Checks.Any(c => c.Status == CheckStatus.Passed);

    /// <summary>The first failed check (the cause to report and roll back for).</summary>
    public VerificationCheck? FirstFailure => Checks.FirstOrDefault(c => c.Status == CheckStatus.Failed);

    /// <summary>One line: "local: verification PASSED on autopr-local:7" or "... FAILED: error-rate: ...".</summary>
    public string Summary => Passed
        ? $"{Environment}: verification PASSED on {TaskDefinitionRegistered.Label(TaskDefinitionArn)}"
        : $"{Environment}: verification FAILED on {TaskDefinitionRegistered.Label(TaskDefinitionArn)}: {FirstFailure?.Name}: {FirstFailure?.Observed} (threshold: {FirstFailure?.Threshold}){(FirstFailure?.Detail is { } d ? "; " + d : string.Empty)}";

    /// <summary>An aligned text report.</summary>
    public string ToText()
    {
        var builder = new StringBuilder();
        builder.Append("Verification of ").Append(Environment).Append(" (").Append(TaskDefinitionRegistered.Label(TaskDefinitionArn));
        if (ExpectedRevision is not null)
        {
            builder.Append(", revision ").Append(ExpectedRevision);
        }

        builder.Append("): ").Append(Passed ? "PASSED" : "FAILED").Append(" in ")
            .Append((FinishedAt - StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s\n");
        var nameWidth = Checks.Max(c => c.Name.Length) + 2;
        var observedWidth = Checks.Max(c => c.Observed.Length) + 2;
        foreach (var check in Checks)
        {
            builder.Append("  ").Append(check.Mark.PadRight(6)).Append(check.Name.PadRight(nameWidth)).Append(check.Observed.PadRight(observedWidth))
                .Append("threshold: ").Append(check.Threshold);
            if (check.Detail is not null)
            {
                builder.Append(" (").Append(check.Detail).Append(')');
            }

            builder.Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }

    /// <summary>A markdown section (for $GITHUB_STEP_SUMMARY).</summary>
    public string ToMarkdown()
    {
        var builder = new StringBuilder();
        builder.Append("### Verification of ").Append(Environment).Append(": ").Append(Passed ? "passed ✅" : "failed ❌").Append("\n\n");
        builder.Append("Revision `").Append(TaskDefinitionRegistered.Label(TaskDefinitionArn)).Append('`');
        if (ExpectedRevision is not null)
        {
            builder.Append(", commit `").Append(ExpectedRevision).Append('`');
        }

        builder.Append("\n\n| Check | Result | Observed | Threshold | Detail |\n| --- | --- | --- | --- | --- |\n");
        foreach (var check in Checks)
        {
            builder.Append("| ").Append(check.Name).Append(" | ").Append(check.Mark).Append(" | ").Append(Cell(check.Observed))
                .Append(" | ").Append(Cell(check.Threshold)).Append(" | ").Append(Cell(check.Detail ?? string.Empty)).Append(" |\n");
        }

        return builder.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
