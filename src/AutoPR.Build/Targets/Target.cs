namespace AutoPR.Build;

/// <summary>
/// A target, declared NUKE-style as a property: <c>Target Compile => _ => _.DependsOn(Restore).Executes(...)</c>.
/// The delegate configures a definition; the host calls it once to learn the target's shape.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);
