namespace AutoPR.Build;

/// <summary>Parses "scope: level" permission entries, so a typo fails the generation instead of the workflow run.</summary>
internal static class GitHubActionsPermissions
{
    private static readonly string[] Scopes =
    [
        "actions", "attestations", "checks", "contents", "deployments", "discussions", "id-token", "issues", "models",
        "packages", "pages", "pull-requests", "repository-projects", "security-events", "statuses",
    ];

    private static readonly string[] Levels = ["read", "write", "none"];

    public static YamlMap? ToYaml(IReadOnlyList<string> entries, string owner)
    {
        if (entries.Count == 0)
        {
            return null;
        }

        var map = new YamlMap();
        foreach (var entry in entries)
        {
            var parts = entry.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !Scopes.Contains(parts[0]) || !Levels.Contains(parts[1]))
            {
                throw new InvalidOperationException(
                    $"{owner}: permission '{entry}' is not 'scope: level' with scope one of {string.Join(", ", Scopes)} and level read, write or none.");
            }

            if (map.Entries.Any(e => e.Key == parts[0]))
            {
                throw new InvalidOperationException($"{owner}: permission '{parts[0]}' is given twice.");
            }

            map.Add(parts[0], parts[1]);
        }

        return map;
    }
}
