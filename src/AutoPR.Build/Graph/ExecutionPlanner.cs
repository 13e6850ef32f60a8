namespace AutoPR.Build;

/// <summary>What --skip asked for: nothing, the named targets, or every target that was not invoked.</summary>
internal sealed record SkipRequest(bool SkipAllButInvoked, IReadOnlyList<string> Names)
{
    public static SkipRequest None { get; } = new(false, []);
}

/// <summary>The targets to run, in order, each with its starting status (NotRun, or Skipped with a reason).</summary>
internal sealed record ExecutionPlan(IReadOnlyList<ExecutableTarget> Invoked, IReadOnlyList<ExecutableTarget> Ordered);

/// <summary>
/// Turns invoked targets into an ordered plan: dependencies and triggered targets are pulled in, ordering
/// edges (After/Before) apply between planned targets, and ties break by declaration-first discovery so the
/// same request always gives the same order.
/// </summary>
internal static class ExecutionPlanner
{
    public static ExecutionPlan Plan(TargetGraph graph, IReadOnlyList<ExecutableTarget> invoked, SkipRequest skip)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(invoked);
        ArgumentNullException.ThrowIfNull(skip);

        var discovery = Discover(graph, invoked);
        var ordered = Order(discovery);
        foreach (var target in ordered)
        {
            target.Status = TargetStatus.NotRun;
            target.Note = null;
            target.Duration = TimeSpan.Zero;
        }

        ApplySkips(graph, ordered, invoked, skip);
        ApplyStaticConditions(ordered);
        return new ExecutionPlan(invoked, ordered);
    }

    /// <summary>Planned targets with a discovery rank: dependencies before their dependents, triggered targets after their trigger.</summary>
    private static Dictionary<ExecutableTarget, int> Discover(TargetGraph graph, IReadOnlyList<ExecutableTarget> invoked)
    {
        var rank = new Dictionary<ExecutableTarget, int>();
        var visiting = new HashSet<ExecutableTarget>();

        void Visit(ExecutableTarget target)
        {
            if (rank.ContainsKey(target) || !visiting.Add(target))
            {
                return;
            }

            foreach (var dependency in target.Dependencies)
            {
                Visit(dependency);
            }

            rank[target] = rank.Count;
            foreach (var triggered in graph.TriggeredFrom(target))
            {
                Visit(triggered);
            }
        }

        foreach (var target in invoked)
        {
            Visit(target);
        }

        return rank;
    }

    /// <summary>Kahn's algorithm over the planned targets, picking the lowest discovery rank among the ready ones.</summary>
    private static List<ExecutableTarget> Order(Dictionary<ExecutableTarget, int> rank)
    {
        var waitingOn = rank.Keys.ToDictionary(t => t, t => TargetGraph.Predecessors(t).Where(rank.ContainsKey).ToHashSet());
        var ready = new PriorityQueue<ExecutableTarget, int>();
        foreach (var target in waitingOn.Where(p => p.Value.Count == 0).Select(p => p.Key))
        {
            ready.Enqueue(target, rank[target]);
        }

        var ordered = new List<ExecutableTarget>();
        while (ready.TryDequeue(out var next, out _))
        {
            ordered.Add(next);
            foreach (var (successor, predecessors) in waitingOn)
            {
                if (predecessors.Remove(next) && predecessors.Count == 0)
                {
                    ready.Enqueue(successor, rank[successor]);
                }
            }
        }

        // TargetGraph.Create rejects cycles, so every planned target is ordered here.
        return ordered;
    }

    private static void ApplySkips(TargetGraph graph, List<ExecutableTarget> ordered, IReadOnlyList<ExecutableTarget> invoked, SkipRequest skip)
    {
        var named = skip.Names
            .Select(name => TargetNames.Find(graph.Targets, name) ?? throw UnknownTarget(graph, name, "--skip"))
            .ToHashSet();
        foreach (var target in ordered)
        {
            if (named.Contains(target))
            {
                Skip(target, "--skip");
            }
            else if (skip.SkipAllButInvoked && !invoked.Contains(target))
            {
                Skip(target, "--skip (only invoked targets run)");
            }
        }
    }

    private static void ApplyStaticConditions(List<ExecutableTarget> ordered)
    {
        foreach (var target in ordered.Where(t => t.Status == TargetStatus.NotRun))
        {
            var failed = target.Definition.StaticConditions.FirstOrDefault(c => !c.Evaluate());
            if (failed is not null)
            {
                Skip(target, $"condition false: {failed.Text}");
            }
        }
    }

    private static void Skip(ExecutableTarget target, string reason)
    {
        target.Status = TargetStatus.Skipped;
        target.Note = reason;
    }

    internal static UsageException UnknownTarget(TargetGraph graph, string typed, string where)
    {
        var suggestions = TargetNames.Suggest(graph.Targets, typed);
        var hint = suggestions.Count > 0
            ? $"Did you mean {string.Join(", ", suggestions)}?"
            : "Run ./build.sh --help to list the targets.";
        return new UsageException($"Unknown target '{typed}' ({where}). {hint}");
    }
}
