using System.Globalization;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Database;

/// <summary>
/// What a rollback from the running release to an older one means for the database, from the schemas history
/// recorded for both (each release's /version states the schema it needs and which older releases can run on it).
/// </summary>
public sealed record SchemaRollbackPlan(string CurrentArn, SchemaInfo? Current, string TargetArn, SchemaInfo? Target)
{
    /// <summary>The target release needs an older schema than the running one's.</summary>
    public bool GoesDown => Current is not null && Target is not null && Target.Version < Current.Version;

    /// <summary>The target release can run on the current schema (expand-only migrations in between).</summary>
    public bool TargetRunsOnCurrent => !GoesDown || Current!.Serves(Target!.Version);

    /// <summary>The schemas are unknown for one side (recorded before schema tracking, or never verified).</summary>
    public bool Unknown => Current is null || Target is null;

    /// <summary>One line for the log.</summary>
    public string Describe() => Unknown
        ? $"the schema {(Current is null ? TaskDefinitionRegistered.Label(CurrentArn) : TaskDefinitionRegistered.Label(TargetArn))} needs is not in history (no verified deployment recorded it)"
        : GoesDown
            ? $"{TaskDefinitionRegistered.Label(TargetArn)} needs schema {Target!.Version.ToString(CultureInfo.InvariantCulture)}; the database is at schema {Current!.Version.ToString(CultureInfo.InvariantCulture)} ({TaskDefinitionRegistered.Label(CurrentArn)}), which {(TargetRunsOnCurrent ? "it can run on" : $"it cannot run on (releases from schema {Current.CompatibleFrom.ToString(CultureInfo.InvariantCulture)} can)")}"
            : $"{TaskDefinitionRegistered.Label(TargetArn)} needs schema {Target!.Version.ToString(CultureInfo.InvariantCulture)}, and the database is at {Current!.Version.ToString(CultureInfo.InvariantCulture)}: no schema change";

    /// <summary>Reads both schemas from <paramref name="records"/> (newest first): the newest record of each revision that states one.</summary>
    public static SchemaRollbackPlan From(IReadOnlyList<DeploymentRecord> records, string currentArn, string targetArn) =>
        new(currentArn, SchemaOf(records, currentArn), targetArn, SchemaOf(records, targetArn));

    private static SchemaInfo? SchemaOf(IReadOnlyList<DeploymentRecord> records, string arn) =>
        records.FirstOrDefault(r => string.Equals(r.TaskDefinitionArn, arn, StringComparison.Ordinal) && r.Schema is not null)?.Schema;
}
