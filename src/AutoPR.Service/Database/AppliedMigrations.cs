using Npgsql;

namespace AutoPR.Service.Database;

/// <summary>
/// Reads which migrations a database has, from FluentMigrator's own version table, without creating it
/// (the runner would): readiness and `migrate --plan` must change nothing.
/// </summary>
internal static class AppliedMigrations
{
    public const string VersionTable = "VersionInfo";

    /// <summary>Ascending; empty for a database nothing was ever migrated on.</summary>
    public static async Task<IReadOnlyList<long>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand($"select to_regclass('public.\"{VersionTable}\"') is not null", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return [];
            }
        }

        await using var read = new NpgsqlCommand($"select \"Version\" from public.\"{VersionTable}\" order by \"Version\"", connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var versions = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    /// <summary>The schema version: the highest applied migration, 0 for none.</summary>
    public static long Current(IReadOnlyList<long> applied) => applied.Count == 0 ? 0 : applied[^1];
}
