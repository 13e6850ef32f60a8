using System.Reflection;
using FluentMigrator;

namespace AutoPR.Service.Database;

/// <summary>One migration as this release knows it: its version, what it does, and its markers.</summary>
internal sealed record MigrationStep(long Version, string Description, string? Loses, bool BreaksOlderReleases)
{
    public bool IsDestructiveDown => Loses is not null;
}

/// <summary>
/// The migrations of a release: the classes with [Migration] in one namespace of one assembly. The
/// service's own set is <see cref="Service"/>; tests build other sets (one that fails halfway, one that is slow).
/// </summary>
internal sealed class MigrationSet(Assembly assembly, string @namespace)
{
    private IReadOnlyList<MigrationStep>? _steps;

    public static MigrationSet Service { get; } = new(typeof(MigrationSet).Assembly, typeof(Migrations.M0001CreatePullRequests).Namespace!);

    public Assembly Assembly { get; } = assembly;

    public string Namespace { get; } = @namespace;

    /// <summary>Ascending by version; found by reflection once.</summary>
    public IReadOnlyList<MigrationStep> Steps => _steps ??= Discover();

    private List<MigrationStep> Discover() =>
        [.. Assembly.GetTypes()
            .Where(type => type.Namespace == Namespace && !type.IsAbstract && typeof(IMigration).IsAssignableFrom(type))
            .Select(type => (Type: type, Migration: type.GetCustomAttribute<MigrationAttribute>()))
            .Where(found => found.Migration is not null)
            .Select(found => new MigrationStep(
                found.Migration!.Version,
                found.Migration.Description ?? found.Type.Name,
                found.Type.GetCustomAttribute<DestructiveDownAttribute>()?.Loses,
                found.Type.GetCustomAttribute<BreaksOlderReleasesAttribute>() is not null))
            .OrderBy(step => step.Version)];
}
