namespace AutoPR.Build;

/// <summary>Matches what a user typed ("deploy-ecs", "DEPLOYECS") to target names, and suggests near misses.</summary>
internal static class TargetNames
{
    public static ExecutableTarget? Find(IEnumerable<ExecutableTarget> targets, string typed) =>
        targets.FirstOrDefault(t => Normalize(t.Name) == Normalize(typed));

    /// <summary>Up to three listed targets closest to <paramref name="typed"/> by edit distance, or sharing a prefix.</summary>
    public static IReadOnlyList<string> Suggest(IEnumerable<ExecutableTarget> targets, string typed) =>
        Closest(targets.Where(t => t.IsListed).Select(t => t.Name), typed);

    /// <summary>Up to three of <paramref name="candidates"/> closest to <paramref name="typed"/>, ignoring case and separators.</summary>
    public static IReadOnlyList<string> Closest(IEnumerable<string> candidates, string typed)
    {
        var wanted = Normalize(typed);
        return candidates
            .Select(name => (Name: name, Distance: Distance(Normalize(name), wanted)))
            .Where(c => c.Distance <= Math.Max(2, wanted.Length / 3) || Normalize(c.Name).StartsWith(wanted, StringComparison.Ordinal))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.Name)
            .ToList();
    }

    /// <summary>Case and separators do not matter: "deploy-ecs", "deploy_ecs" and "DeployEcs" are one name.</summary>
    public static string Normalize(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
