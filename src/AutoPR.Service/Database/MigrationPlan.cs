namespace AutoPR.Service.Database;

/// <summary>One step of a plan: a migration, and whether it goes up or down.</summary>
internal sealed record PlannedStep(MigrationStep Migration, bool Up)
{
    public string Direction => Up ? "up" : "down";

    /// <summary>Going down through a [DestructiveDown] migration loses data.</summary>
    public bool LosesData => !Up && Migration.IsDestructiveDown;
}

/// <summary>The steps from the database's applied migrations to a target version, in the order they run.</summary>
internal sealed record MigrationPlan(long From, long To, IReadOnlyList<PlannedStep> Steps)
{
    /// <param name="upOnly">
    /// Without --to, migrate only goes up: a database a newer release migrated further is left as it is (that
    /// release's migrate takes it down, knowing its Down steps).
    /// </param>
    /// <exception cref="InvalidOperationException">The database has a migration this release does not know and the plan would have to undo it.</exception>
    public static MigrationPlan Create(MigrationSet migrations, IReadOnlyList<long> applied, long target, bool upOnly = false)
    {
        var known = migrations.Steps.ToDictionary(step => step.Version);
        var current = AppliedMigrations.Current(applied);
        if (upOnly)
        {
            target = Math.Max(target, current);
        }

        var unknownAbove = applied.Where(version => version > target && !known.ContainsKey(version)).ToList();
        if (unknownAbove.Count > 0)
        {
            throw new InvalidOperationException(
                $"the database has migration {string.Join(", ", unknownAbove)}, which this release does not know: migrate down with the release that brought it");
        }

        var down = applied.Where(version => version > target).OrderDescending()
            .Select(version => new PlannedStep(known[version], Up: false));
        var up = migrations.Steps.Where(step => step.Version <= target && !applied.Contains(step.Version))
            .Select(step => new PlannedStep(step, Up: true));
        return new MigrationPlan(current, target, [.. down, .. up]);
    }
}
