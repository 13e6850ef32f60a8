namespace AutoPR.Build;

/// <summary>A target as a node of the graph: its declaration resolved to other nodes, plus its run state.</summary>
internal sealed class ExecutableTarget
{
    internal ExecutableTarget(string name, TargetDefinition definition, int declarationIndex)
    {
        Name = name;
        Definition = definition;
        DeclarationIndex = declarationIndex;
    }

    public string Name { get; }

    public string? Description => Definition.DescriptionText;

    public bool IsListed => !Definition.IsUnlisted;

    /// <summary>Targets that must run before this one (DependsOn, plus others' DependentFor).</summary>
    public List<ExecutableTarget> Dependencies { get; } = [];

    /// <summary>Targets this one runs after when both are planned (After, plus others' Before).</summary>
    public List<ExecutableTarget> OrderedAfter { get; } = [];

    /// <summary>Targets that pull this one in after themselves (TriggeredBy, plus others' Triggers).</summary>
    public List<ExecutableTarget> TriggeredBy { get; } = [];

    public TargetStatus Status { get; internal set; }

    public TimeSpan Duration { get; internal set; }

    /// <summary>The exit code a failed action asked for (<see cref="TargetExitCodeException"/>), or null.</summary>
    public int? ExitCode { get; internal set; }

    /// <summary>Why a target was skipped or not run, why it failed, or what it reported.</summary>
    public string? Note { get; internal set; }

    internal TargetDefinition Definition { get; }

    internal int DeclarationIndex { get; }

    public override string ToString() => Name;
}
