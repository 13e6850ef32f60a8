using System.Reflection;

namespace AutoPR.Build;

/// <summary>Finds the <see cref="Target"/> properties of a build and links them into a graph.</summary>
internal sealed class TargetGraph
{
    private TargetGraph(IReadOnlyList<ExecutableTarget> targets) => Targets = targets;

    /// <summary>Every target, in declaration order.</summary>
    public IReadOnlyList<ExecutableTarget> Targets { get; }

    public static TargetGraph Create(object build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var properties = build.GetType()
            .GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.PropertyType == typeof(Target) && p.GetMethod is not null)
            .OrderBy(p => p.MetadataToken)
            .ToList();

        // A target property returns a new delegate each time; its method identifies the target.
        var byMethod = new Dictionary<MethodInfo, ExecutableTarget>();
        var targets = new List<ExecutableTarget>();
        foreach (var property in properties)
        {
            var factory = (Target)property.GetValue(build)!;
            var definition = new TargetDefinition();
            factory(definition);
            var target = new ExecutableTarget(property.Name, definition, targets.Count);
            byMethod[factory.Method] = target;
            targets.Add(target);
        }

        ExecutableTarget Resolve(Target reference, ExecutableTarget from) =>
            byMethod.TryGetValue(reference.Method, out var found)
                ? found
                : throw new InvalidOperationException($"Target {from.Name} refers to a target that is not a property of {build.GetType().Name}.");

        foreach (var target in targets)
        {
            var d = target.Definition;
            target.Dependencies.AddRange(d.DependsOnTargets.Select(t => Resolve(t, target)));
            foreach (var dependent in d.DependentForTargets.Select(t => Resolve(t, target)))
            {
                dependent.Dependencies.Add(target);
            }

            target.OrderedAfter.AddRange(d.AfterTargets.Select(t => Resolve(t, target)));
            foreach (var later in d.BeforeTargets.Select(t => Resolve(t, target)))
            {
                later.OrderedAfter.Add(target);
            }

            target.TriggeredBy.AddRange(d.TriggeredByTargets.Select(t => Resolve(t, target)));
            foreach (var triggered in d.TriggersTargets.Select(t => Resolve(t, target)))
            {
                triggered.TriggeredBy.Add(target);
            }
        }

        var graph = new TargetGraph(targets);
        var cycle = graph.FindCycle();
        return cycle is null
            ? graph
            : throw new UsageException($"The targets form a cycle: {string.Join(" -> ", cycle)}. Remove one of these dependencies.");
    }

    /// <summary>Targets that are triggered by <paramref name="target"/>.</summary>
    public IEnumerable<ExecutableTarget> TriggeredFrom(ExecutableTarget target) => Targets.Where(t => t.TriggeredBy.Contains(target));

    /// <summary>A cycle over all "runs before" edges, as names ending where they started; null when there is none.</summary>
    private List<string>? FindCycle()
    {
        var state = new Dictionary<ExecutableTarget, bool>(); // false: on the stack; true: done
        var stack = new List<ExecutableTarget>();

        List<string>? Visit(ExecutableTarget node)
        {
            if (state.TryGetValue(node, out var done))
            {
                if (done)
                {
                    return null;
                }

                var start = stack.IndexOf(node);
                return [.. stack.Skip(start).Select(t => t.Name), node.Name];
            }

            state[node] = false;
            stack.Add(node);
            foreach (var predecessor in Predecessors(node))
            {
                if (Visit(predecessor) is { } cycle)
                {
                    return cycle;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[node] = true;
            return null;
        }

        return Targets.Select(Visit).FirstOrDefault(c => c is not null);
    }

    /// <summary>Everything that must come before <paramref name="target"/> when both are planned.</summary>
    internal static IEnumerable<ExecutableTarget> Predecessors(ExecutableTarget target) =>
        target.Dependencies.Concat(target.OrderedAfter).Concat(target.TriggeredBy);
}
