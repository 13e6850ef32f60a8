using System.Text;
using Spectre.Console;

namespace AutoPR.Build;

/// <summary>--plan: the invoked targets as trees of their dependencies, the run order, and a mermaid graph file.</summary>
internal static class PlanWriter
{
    public static void Write(IAnsiConsole console, ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(plan);

        foreach (var invoked in plan.Invoked)
        {
            var tree = new Tree(Label(invoked));
            AddDependencies(tree.AddNode, invoked, []);
            console.Write(tree);
        }

        console.WriteLine();
        console.WriteLine("Run order: " + string.Join(" -> ", plan.Ordered.Select(t => t.Status == TargetStatus.Skipped ? $"({t.Name}: skipped)" : t.Name)));
    }

    /// <summary>A mermaid flowchart of the planned targets; edges point from a dependency to its dependent.</summary>
    public static string Mermaid(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var planned = plan.Ordered.ToHashSet();
        var text = new StringBuilder("graph TD\n");
        foreach (var target in plan.Ordered)
        {
            text.Append("  ").Append(target.Name).Append(target.Status == TargetStatus.Skipped ? ":::skipped" : "").Append('\n');
            foreach (var dependency in target.Dependencies.Where(planned.Contains))
            {
                text.Append("  ").Append(dependency.Name).Append(" --> ").Append(target.Name).Append('\n');
            }

            foreach (var trigger in target.TriggeredBy.Where(planned.Contains))
            {
                text.Append("  ").Append(trigger.Name).Append(" -. triggers .-> ").Append(target.Name).Append('\n');
            }

            foreach (var earlier in target.OrderedAfter.Where(planned.Contains))
            {
                text.Append("  ").Append(earlier.Name).Append(" -. before .-> ").Append(target.Name).Append('\n');
            }
        }

        text.Append("  classDef skipped stroke-dasharray: 5 5\n");
        return text.ToString();
    }

    private static void AddDependencies(Func<string, TreeNode> add, ExecutableTarget target, HashSet<ExecutableTarget> path)
    {
        foreach (var dependency in target.Dependencies)
        {
            var node = add(Label(dependency));
            if (path.Add(dependency))
            {
                AddDependencies(node.AddNode, dependency, path);
                path.Remove(dependency);
            }
        }
    }

    private static string Label(ExecutableTarget target) =>
        Markup.Escape(target.Name) + (target.Status == TargetStatus.Skipped ? $" [grey](skipped: {Markup.Escape(target.Note ?? "")})[/]" : "");
}
