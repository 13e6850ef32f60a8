namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>
/// The environment of a child build: the test run's own, without what would change what the build does or
/// prints (CI detection, build parameters given as variables, AWS settings, MSBuild's location).
/// </summary>
internal static class BuildEnvironment
{
    /// <summary>Build parameters, which the host also reads from NAME, SCREAMING_NAME and AUTOPR_NAME variables.</summary>
    private static readonly string[] Parameters =
    [
        "Configuration", "DryRun", "Confirm", "NoAutoRollback", "DeployTimeout", "BakeWindow", "ContainerEnv", "Environment",
        "BaseImage", "From", "Force", "ToRevision", "ToImage", "LocalTimeScale", "LocalMetrics", "TestFilter",
        "WorkflowsDirectory",
    ];

    private static readonly HashSet<string> Removed = new(
        Parameters.SelectMany(p => new[] { p, ScreamingSnake(p), "AUTOPR_" + ScreamingSnake(p) })
            .Concat(["GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_ACTOR", "CI", "TERM"]),
        StringComparer.Ordinal);

    public static void Apply(IDictionary<string, string?> variables, IReadOnlyDictionary<string, string?> overrides)
    {
        foreach (var name in variables.Keys.Where(ShouldRemove).ToList())
        {
            variables.Remove(name);
        }

        variables["NO_COLOR"] = "1";
        variables["MSBUILDDISABLENODEREUSE"] = "1";
        variables["UseSharedCompilation"] = "false";
        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        variables["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in overrides)
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }
    }

    // DryRun -> DRY_RUN, as the host spells a parameter's variable.
    private static string ScreamingSnake(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z0-9])([A-Z])", "_$1").ToUpperInvariant();

    // `dotnet test` exports its MSBuild to children, and a nested `dotnet build` (LocalUp, DockerBuild) must find
    // its own; AWS_* of the developer's shell must not reach a test build.
    private static bool ShouldRemove(string name) =>
        Removed.Contains(name) ||
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("AWS_", StringComparison.Ordinal);
}
