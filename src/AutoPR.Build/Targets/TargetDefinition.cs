namespace AutoPR.Build;

/// <summary>What a target's delegate declared; turned into a graph node by <see cref="TargetGraph"/>.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<Condition> StaticConditions { get; } = [];
    public List<Condition> DynamicConditions { get; } = [];
    public List<Requirement> Requirements { get; } = [];
    public List<Condition> Preconditions { get; } = [];
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsEndedByInterrupt { get; private set; }
    public bool IsUnlisted { get; private set; }
    public List<Func<CancellationToken, Task>> Actions { get; } = [];

    public ITargetDefinition Description(string description) => Set(() => DescriptionText = description);
    public ITargetDefinition DependsOn(params Target[] targets) => Set(() => DependsOnTargets.AddRange(targets));
    public ITargetDefinition DependentFor(params Target[] targets) => Set(() => DependentForTargets.AddRange(targets));
    public ITargetDefinition Before(params Target[] targets) => Set(() => BeforeTargets.AddRange(targets));
    public ITargetDefinition After(params Target[] targets) => Set(() => AfterTargets.AddRange(targets));
    public ITargetDefinition Triggers(params Target[] targets) => Set(() => TriggersTargets.AddRange(targets));
    public ITargetDefinition TriggeredBy(params Target[] targets) => Set(() => TriggeredByTargets.AddRange(targets));

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? text = null) =>
        Set(() => StaticConditions.Add(new Condition(condition, Condition.Describe(text))));

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string? text = null) =>
        Set(() => DynamicConditions.Add(new Condition(condition, Condition.Describe(text))));

    public ITargetDefinition Requires(Func<object?> parameter, string? text = null) =>
        Set(() => Requirements.Add(new Requirement(parameter, Condition.Describe(text))));

    public ITargetDefinition Requires(Func<bool> condition, string failureMessage) =>
        Set(() => Preconditions.Add(new Condition(condition, failureMessage)));

    public ITargetDefinition ProceedAfterFailure() => Set(() => IsProceedAfterFailure = true);
    public ITargetDefinition AssuredAfterFailure() => Set(() => IsAssuredAfterFailure = true);
    public ITargetDefinition EndsOnInterrupt() => Set(() => IsEndedByInterrupt = true);
    public ITargetDefinition Unlisted() => Set(() => IsUnlisted = true);

    public ITargetDefinition Executes(Action action) => Set(() => Actions.Add(_ => { action(); return Task.CompletedTask; }));
    public ITargetDefinition Executes(Func<Task> action) => Set(() => Actions.Add(_ => action()));
    public ITargetDefinition Executes(Func<CancellationToken, Task> action) => Set(() => Actions.Add(action));

    private TargetDefinition Set(Action change)
    {
        change();
        return this;
    }
}

/// <summary>A condition and the source text it was written as ("IsLocalBuild"), shown as the skip reason.</summary>
internal sealed record Condition(Func<bool> Evaluate, string Text)
{
    /// <summary>"() => IsLocalBuild" reads better as "IsLocalBuild".</summary>
    public static string Describe(string? text)
    {
        var trimmed = (text ?? "condition").Trim();
        return trimmed.StartsWith("()", StringComparison.Ordinal) && trimmed.Contains("=>", StringComparison.Ordinal)
            ? trimmed[(trimmed.IndexOf("=>", StringComparison.Ordinal) + 2)..].Trim()
            : trimmed;
    }
}

/// <summary>A parameter that must be set, read through <see cref="Read"/>; <see cref="MemberName"/> names it.</summary>
internal sealed record Requirement(Func<object?> Read, string MemberName);
