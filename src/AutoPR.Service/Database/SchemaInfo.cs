namespace AutoPR.Service.Database;

/// <summary>
/// The schema this release is built for. <see cref="Version"/> is its newest migration: the service needs the
/// database there before it is ready. <see cref="CompatibleFrom"/> is the oldest release schema that can still
/// run on a database migrated to <see cref="Version"/>: the newest migration marked
/// [BreaksOlderReleases], else 1. A rollback to a release whose schemaVersion is below it must migrate down first.
/// </summary>
internal sealed record SchemaInfo(long Version, long CompatibleFrom)
{
    public static SchemaInfo Service { get; } = For(MigrationSet.Service);

    public static SchemaInfo For(MigrationSet migrations)
    {
        var steps = migrations.Steps;
        var latest = steps.Count == 0 ? 0 : steps[^1].Version;
        var breaking = steps.LastOrDefault(step => step.BreaksOlderReleases)?.Version ?? 1;
        return new SchemaInfo(latest, Math.Min(breaking, Math.Max(latest, 1)));
    }
}
