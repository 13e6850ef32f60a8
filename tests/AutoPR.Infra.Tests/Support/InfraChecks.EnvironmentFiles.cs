using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AutoPR.Infra.Tests.Support;

internal static partial class InfraChecks
{
    public const string EnvironmentFilesFolder = "deploy/environments";

    [GeneratedRegex(@"\$\{tf\.([A-Za-z_][A-Za-z0-9_-]*)\}")]
    private static partial Regex EnvironmentReference();

    /// <summary>
    /// What terraform cannot see: every ${tf.NAME} an environment file writes is an output of its root, and the state
    /// object the file names (terraform.state) is exactly where the root's s3 backend keeps the state.
    /// </summary>
    public static IReadOnlyList<string> EnvironmentFileProblems(TerraformTree tree, string environmentFiles)
    {
        var findings = new List<string>();
        foreach (var environment in Environments)
        {
            var file = $"{EnvironmentFilesFolder}/{environment}.json";
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(environmentFiles, environment + ".json")))!;
            var root = $"{TerraformTree.EnvironmentsFolder}/{environment}";
            var outputs = tree.Blocks(root, "output").Select(o => o.Address).ToHashSet(StringComparer.Ordinal);
            foreach (Match reference in EnvironmentReference().Matches(json.ToJsonString()))
            {
                if (!outputs.Contains(reference.Groups[1].Value))
                {
                    findings.Add($"{file}: {reference.Value} is not an output of {root}");
                }
            }

            var backend = tree.Blocks(root, "terraform")
                .SelectMany(t => t.Has("backend") ? t.Body.GetProperty("backend").EnumerateObject() : Enumerable.Empty<JsonProperty>())
                .Where(b => b.Name == "s3").Select(b => b.Value.EnumerateArray().Single()).FirstOrDefault();
            var expected = backend.ValueKind == JsonValueKind.Object ? $"s3://{backend.GetProperty("bucket").GetString()}/{backend.GetProperty("key").GetString()}" : null;
            var state = json["terraform"]?["state"]?.GetValue<string>();
            if (state != expected)
            {
                findings.Add($"{file}: terraform.state is {state ?? "missing"}, but {root} keeps its state at {expected ?? "no s3 backend"}");
            }
        }

        return findings;
    }
}
