using Spectre.Console;

namespace AutoPR.Build;

/// <summary>
/// Marks where each target's output starts and ends: a rule in a terminal, a collapsible
/// <c>::group::</c> under GitHub Actions, and an <c>::error::</c> annotation for a failure.
/// </summary>
internal sealed class TargetOutput(HostConsole console)
{
    public void Starting(ExecutableTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (console.IsGitHubActions)
        {
            console.Output.WriteLine($"::group::{target.Name}");
        }
        else
        {
            console.Ansi.Write(new Rule($"[bold]{Markup.Escape(target.Name)}[/]").LeftJustified());
        }

        console.Output.Flush();
    }

    public void Finished(ExecutableTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (console.IsGitHubActions)
        {
            console.Output.WriteLine("::endgroup::");
            if (target.Status is TargetStatus.Failed)
            {
                console.Output.WriteLine($"::error title=Target {target.Name} failed::{Escape(target.Note ?? "failed")}");
            }
        }

        console.Output.Flush();
    }

    /// <summary>Workflow-command data escaping, as the runner expects it.</summary>
    private static string Escape(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
