using Spectre.Console;

namespace AutoPR.Build;

/// <summary>--help: the targets with their direct dependencies, the parameters with type, default and allowed values.</summary>
internal static class HelpWriter
{
    public static void Write(IAnsiConsole console, TargetGraph graph, IReadOnlyList<ParameterDescriptor> parameters, object build, IReadOnlyList<ExecutableTarget> defaults)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(parameters);

        console.WriteLine("Usage: ./build.sh [targets] [--parameter value ...] [host options]");
        console.WriteLine();
        console.MarkupLine($"[bold]Targets[/] (default: {Markup.Escape(string.Join(", ", defaults))})");
        var targets = new Table().Border(TableBorder.None).HideHeaders().AddColumn("").AddColumn("").AddColumn("");
        foreach (var target in graph.Targets.Where(t => t.IsListed))
        {
            var dependencies = target.Dependencies.Count > 0 ? "-> " + string.Join(", ", target.Dependencies) : "";
            targets.AddRow("  " + Markup.Escape(target.Name), Markup.Escape(dependencies), Markup.Escape(target.Description ?? ""));
        }

        console.Write(targets);
        console.WriteLine();
        console.MarkupLine("[bold]Parameters[/] (command line, then AUTOPR_NAME / Name / NAME environment variables, then --profile files, then .nuke/parameters.json)");
        var table = new Table().Border(TableBorder.None).HideHeaders().AddColumn("").AddColumn("").AddColumn("");
        foreach (var parameter in parameters)
        {
            table.AddRow("  " + Markup.Escape(parameter.OptionName + " " + TypeHint(parameter)), Markup.Escape(parameter.Description), Markup.Escape(DefaultText(parameter, build)));
        }

        console.Write(table);
        console.WriteLine();
        console.MarkupLine("[bold]Host options[/]");
        var host = new Table().Border(TableBorder.None).HideHeaders().AddColumn("").AddColumn("");
        AddHostRow(host, "  --target <targets>", "Targets to run (also positional).");
        AddHostRow(host, "  --skip [targets]", "Skip the named targets; alone, skip everything not invoked.");
        AddHostRow(host, "  --plan", "Show the execution plan as a tree and write a mermaid graph under .nuke/temp; run nothing.");
        AddHostRow(host, "  --verbosity <quiet|minimal|normal|verbose>", "How much to log (default: normal).");
        AddHostRow(host, "  --root <directory>", "The repository root (default: nearest directory with .nuke/).");
        AddHostRow(host, "  --profile <names>", "Also read .nuke/parameters.<name>.json (later names win).");
        AddHostRow(host, "  --help", "This text.");
        console.Write(host);
        console.WriteLine();
        console.WriteLine("Exit codes: 0 success, 1 a target failed (or the code the failed target names, e.g. RunTask's task), 2 usage error, 130 interrupted.");
    }

    private static void AddHostRow(Table table, string option, string description) =>
        table.AddRow(Markup.Escape(option), Markup.Escape(description));

    private static string TypeHint(ParameterDescriptor parameter)
    {
        if (parameter.IsFlag)
        {
            return "";
        }

        var scalar = parameter.AllowedValues is { } allowed ? string.Join("|", allowed)
            : parameter.ScalarType == typeof(TimeSpan) ? "duration"
            : parameter.ScalarType == typeof(AbsolutePath) ? "path"
            : parameter.ScalarType == typeof(int) || parameter.ScalarType == typeof(long) ? "int"
            : parameter.ScalarType.Name.ToLowerInvariant();
        return parameter.IsArray ? $"<{scalar}...>" : $"<{scalar}>";
    }

    private static string DefaultText(ParameterDescriptor parameter, object build)
    {
        if (parameter.IsSecret)
        {
            return "(secret)";
        }

        return parameter.GetValue(build) switch
        {
            null => "",
            Array { Length: 0 } => "",
            Array array => "default: " + string.Join(" ", array.Cast<object>()),
            // In the form --timeout accepts: SummaryWriter's "1:30" would read back as 1 h 30 min.
            TimeSpan span => "default: " + ParameterValueParser.FormatDuration(span),
            false when parameter.IsFlag => "",
            var value => $"default: {value}",
        };
    }
}
