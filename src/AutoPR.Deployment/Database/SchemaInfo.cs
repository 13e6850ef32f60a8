using System.Globalization;

namespace AutoPR.Deployment.Database;

/// <summary>
/// The schema a release needs, as its /version states it: <see cref="Version"/> (its newest migration) and
/// <see cref="CompatibleFrom"/> (releases whose schema version is at least this can run on a database migrated to
/// <see cref="Version"/>: only a migration that breaks older releases raises it).
/// </summary>
public sealed record SchemaInfo(int Version, int CompatibleFrom)
{
    /// <summary>Whether a release needing schema <paramref name="olderVersion"/> can run on a database at this schema.</summary>
    public bool Serves(int olderVersion) => olderVersion >= CompatibleFrom && olderVersion <= Version;

    /// <summary>"2/1" (version/compatible-from), as history keeps it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Version}/{CompatibleFrom}");

    /// <summary>Reads "2/1" (or "2"); null when it is not that.</summary>
    public static SchemaInfo? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        var from = 1;
        return parts.Length == 1 || int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out from)
            ? new SchemaInfo(version, Math.Min(from, version))
            : null;
    }
}
