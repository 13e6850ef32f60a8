namespace AutoPR.Service.Database;

/// <summary>
/// Marks a migration after which an older release can no longer run (it drops or renames something
/// older code uses, or adds a constraint older code violates). The newest such migration is
/// <see cref="SchemaInfo.CompatibleFrom"/>: a rollback to a release older than it needs the schema
/// migrated down first. Migrations that only add (a table, a column with a default) must not carry it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class BreaksOlderReleasesAttribute(string why) : Attribute
{
    public string Why { get; } = why;
}
