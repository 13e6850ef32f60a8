using System.Runtime.CompilerServices;

namespace AutoPR.Build;

/// <summary>The fluent vocabulary of a target, with NUKE's names and meanings.</summary>
public interface ITargetDefinition
{
    /// <summary>Text shown in --help and the plan.</summary>
    ITargetDefinition Description(string description);

    /// <summary>These targets run first, and are pulled into the plan.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>The reverse of <see cref="DependsOn"/>: the given targets depend on this one.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Ordering only: when both are planned, this runs before the given targets.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Ordering only: when both are planned, this runs after the given targets.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>The given targets are planned to run after this one whenever this one is planned.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>The reverse of <see cref="Triggers"/>.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Evaluated before anything runs; when false the target is skipped, with the condition's text as the reason.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>Evaluated just before the target runs; when false it is skipped, with the condition's text as the reason.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>The parameter read by <paramref name="parameter"/> must have a value; checked before anything runs.</summary>
    ITargetDefinition Requires(Func<object?> parameter, [CallerArgumentExpression(nameof(parameter))] string? text = null);

    /// <summary>A precondition checked before anything runs; when false, <paramref name="failureMessage"/> is the usage error.</summary>
    ITargetDefinition Requires(Func<bool> condition, string failureMessage);

    /// <summary>When this target fails the build goes on with every target that does not depend on it.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even after an earlier failure or an interruption (clean-up, rollback).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>
    /// Ctrl-C is how this target ends (it follows something until told to stop): the interruption ends it as a
    /// success, and a build whose targets all succeeded then exits 0.
    /// </summary>
    ITargetDefinition EndsOnInterrupt();

    /// <summary>Hidden from --help (still runnable by name).</summary>
    ITargetDefinition Unlisted();

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Func<Task> action);

    ITargetDefinition Executes(Func<CancellationToken, Task> action);
}
