using System.Globalization;
using System.Text;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Status;

/// <summary>Prints an <see cref="EnvironmentStatus"/> as plain text for the terminal, or as markdown for a CI step summary.</summary>
public static class EnvironmentStatusFormatter
{
    /// <summary>The summary line, then the deployment, each revision with its tasks, the events and the verified releases.</summary>
    public static string ToText(EnvironmentStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var text = new StringBuilder(status.Summary).Append('\n');
        if (status.ServiceExists)
        {
            text.Append("strategy ").Append(status.Strategy);
            if (status.CurrentDeployment is { } deployment)
            {
                text.Append("; deployment ").Append(Describe(deployment));
            }

            text.Append('\n');
            text.Append("revisions:\n");
            foreach (var revision in status.Revisions)
            {
                text.Append("  ").Append(Describe(revision)).Append('\n');
                foreach (var task in revision.Tasks)
                {
                    text.Append("    task ").Append(Describe(task)).Append('\n');
                }

                if (revision.Tasks.Count == 0)
                {
                    text.Append("    no tasks\n");
                }
            }

            text.Append("events (newest first):\n");
            foreach (var serviceEvent in status.Events)
            {
                text.Append("  ").Append(Time(serviceEvent.CreatedAt)).Append(' ').Append(OneLine(serviceEvent.Message)).Append('\n');
            }

            if (status.Events.Count == 0)
            {
                text.Append("  none\n");
            }
        }

        text.Append("last verified: ").Append(Describe(status.LastVerified)).Append('\n');
        if (status.ServiceExists)
        {
            text.Append("Rollback would return to: ").Append(status.RollbackTarget is null ? "nothing (no other verified release in the history)" : Describe(status.RollbackTarget)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>A heading, the summary, a table of revisions, a table of tasks, the events and the verified releases.</summary>
    public static string ToMarkdown(EnvironmentStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var markdown = new StringBuilder().Append("### Status: ").Append(status.Environment).Append("\n\n").Append(Cell(status.Summary)).Append("\n\n");
        if (status.ServiceExists)
        {
            markdown.Append("Strategy ").Append(status.Strategy);
            if (status.CurrentDeployment is { } deployment)
            {
                markdown.Append("; deployment ").Append(Cell(Describe(deployment)));
            }

            markdown.Append("\n\n");
            Table(markdown, ["Revision", "Deployment", "Rollout", "Running", "Pending", "Failed", "Traffic"], status.Revisions.Select(r => new[]
            {
                r.Label, r.DeploymentStatus ?? "-", r.RolloutState ?? "-", $"{Number(r.Running)}/{Number(r.Desired)}", Number(r.Pending), Number(r.Failed), Traffic(r) ?? "-",
            }));
            Table(markdown, ["Task", "Revision", "Status", "Health", "Started (UTC)", "Address"], status.Revisions.SelectMany(r => r.Tasks.Select(t => new[]
            {
                t.Id, r.Label, t.LastStatus ?? "-", t.HealthStatus ?? "-", Time(t.StartedAt), t.Address ?? "-",
            })));
            markdown.Append("Latest events:\n\n");
            foreach (var serviceEvent in status.Events)
            {
                markdown.Append("- ").Append(Time(serviceEvent.CreatedAt)).Append(' ').Append(Cell(serviceEvent.Message ?? string.Empty)).Append('\n');
            }

            markdown.Append('\n');
        }

        markdown.Append("Last verified: ").Append(Cell(Describe(status.LastVerified))).Append('\n');
        return markdown.ToString();
    }

    private static string Describe(ServiceDeploymentStatus deployment)
    {
        var text = new StringBuilder(deployment.Status);
        if (deployment.LifecycleStage is { } stage && deployment.Status is not ("SUCCESSFUL" or "ROLLBACK_SUCCESSFUL"))
        {
            text.Append(" at ").Append(stage);
        }

        if (deployment.WaitingForApproval)
        {
            text.Append(" (waiting for ./build.sh Continue)");
        }

        var sources = deployment.SourceTaskDefinitionArns.Select(TaskDefinitionRegistered.Label).ToList();
        if (deployment.TargetTaskDefinitionArn is { } target)
        {
            text.Append(' ').Append(sources.Count > 0 ? string.Join(", ", sources) + " -> " : string.Empty).Append(TaskDefinitionRegistered.Label(target));
        }

        text.Append(", started ").Append(Time(deployment.StartedAt));
        if (deployment.FinishedAt is { } finished)
        {
            text.Append(", finished ").Append(Time(finished));
        }

        if (deployment.Reason is { Length: > 0 } reason)
        {
            text.Append(": ").Append(OneLine(reason));
        }

        return text.ToString();
    }

    private static string Describe(RevisionStatus revision)
    {
        var text = new StringBuilder(revision.DeploymentStatus ?? "tasks of").Append(' ').Append(revision.Label);
        if (revision.DeploymentStatus is not null)
        {
            text.Append(' ').Append(revision.RolloutState ?? "-").Append(", ")
                .Append(Number(revision.Running)).Append('/').Append(Number(revision.Desired)).Append(" running");
            if (revision.Pending > 0)
            {
                text.Append(", ").Append(Number(revision.Pending)).Append(" pending");
            }

            if (revision.Failed > 0)
            {
                text.Append(", ").Append(Number(revision.Failed)).Append(" failed");
            }
        }

        if (Traffic(revision) is { } traffic)
        {
            text.Append(", traffic ").Append(traffic);
        }

        if (revision.RolloutState == "FAILED" && revision.RolloutStateReason is { Length: > 0 } reason)
        {
            text.Append(": ").Append(OneLine(reason));
        }

        return text.ToString();
    }

    private static string Describe(TaskHealth task)
    {
        var text = new StringBuilder(task.Id).Append(' ').Append(task.LastStatus ?? "-").Append(' ').Append(task.HealthStatus ?? "UNKNOWN");
        text.Append(task.StartedAt is { } started ? ", started " + Time(started) : ", not started");
        if (task.Address is { } address)
        {
            text.Append(", ").Append(address);
        }

        return text.ToString();
    }

    private static string Describe(DeploymentRecord? record)
    {
        if (record is null)
        {
            return "none recorded";
        }

        var text = new StringBuilder(TaskDefinitionRegistered.Label(record.TaskDefinitionArn)).Append(" (").Append(record.Kind.ToString());
        if (record.ImageDigest is { Length: > 19 } digest)
        {
            text.Append(", image ").Append(digest[..19]);
        }

        if (record.GitSha is { Length: > 0 } sha)
        {
            text.Append(", git ").Append(sha.Length > 7 ? sha[..7] : sha);
        }

        return text.Append(", by ").Append(record.Actor).Append(", ").Append(Time(record.FinishedAt ?? record.StartedAt)).Append(')').ToString();
    }

    private static string? Traffic(RevisionStatus revision)
    {
        if (revision.ProductionTrafficPercent is null && revision.TestTrafficPercent is null)
        {
            return null;
        }

        var text = Percent(revision.ProductionTrafficPercent);
        return revision.TestTrafficPercent is { } test ? $"{text} (test {Percent(test)})" : text;
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    private static string OneLine(string? text) => (text ?? string.Empty).ReplaceLineEndings(" ");

    // A table cell (or inline text) that cannot break the table or start another block.
    private static string Cell(string text) => OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static void Table(StringBuilder markdown, string[] headers, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        markdown.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n");
        markdown.Append('|').Append(string.Concat(headers.Select(_ => " --- |"))).Append('\n');
        foreach (var row in list)
        {
            markdown.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        }

        markdown.Append('\n');
    }
}
