using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoPR.Deployment.Infrastructure;

namespace AutoPR.Deployment.Environments;

/// <summary>
/// The reference syntax of environment files: "${tf.NAME}" stands for the Terraform output NAME. A string that is
/// exactly one reference takes the output's value whatever its type (a list of subnets, a number); a reference
/// inside a longer string ("https://${tf.load_balancer_dns_name}/health") takes a string or number output.
/// </summary>
public static partial class TerraformReferences
{
    /// <summary>
    /// What is read before the outputs, to find and read them (aws, terraform) or to decide without AWS (name,
    /// requiresApproval, ecr): these stay literal.
    /// </summary>
    public static IReadOnlyList<string> LiteralSections { get; } = ["name", "aws", "terraform", "ecr", "requiresApproval"];

    [GeneratedRegex(@"\$\{tf\.([A-Za-z_][A-Za-z0-9_-]*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\$\{\s*(tf|terraform)\b")]
    private static partial Regex LooksLikeReference();

    /// <summary>One reference: where it is (a JSON path) and the output it names.</summary>
    public sealed record Use(string Path, string Output);

    /// <summary>
    /// Every reference in <paramref name="document"/>, in document order. A malformed one ("${tf.}", "${terraform.x}")
    /// or one in a literal section is an <see cref="EnvironmentConfigurationException"/> line (without the file).
    /// </summary>
    public static IReadOnlyList<Use> Find(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var uses = new List<Use>();
        foreach (var (path, text, _) in Strings(document, "$"))
        {
            var matches = Reference().Matches(text);
            var rest = Reference().Replace(text, string.Empty);
            if (LooksLikeReference().IsMatch(rest))
            {
                throw new EnvironmentConfigurationException($"{path}: \"{text}\" is not a Terraform reference; fix: write ${{tf.OUTPUT}} with the output's name, e.g. ${{tf.cluster}}");
            }

            if (matches.Count > 0 && LiteralSections.Any(section => path == "$." + section || path.StartsWith("$." + section + ".", StringComparison.Ordinal) || path.StartsWith("$." + section + "[", StringComparison.Ordinal)))
            {
                throw new EnvironmentConfigurationException($"{path}: {matches[0].Value} cannot be used in {string.Join(", ", LiteralSections)}, which are read before the Terraform outputs; fix: write the value itself");
            }

            uses.AddRange(matches.Select(m => new Use(path, m.Groups[1].Value)));
        }

        return uses;
    }

    /// <summary>
    /// Replaces every reference in <paramref name="document"/> by its output's value. A missing or sensitive output,
    /// or a list inside a longer string, is an <see cref="EnvironmentConfigurationException"/> line (without the file).
    /// </summary>
    public static void Resolve(JsonNode document, TerraformOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(outputs);
        foreach (var (path, text, node) in Strings(document, "$").ToList())
        {
            var matches = Reference().Matches(text);
            if (matches.Count == 0)
            {
                continue;
            }

            if (matches.Count == 1 && matches[0].Value == text)
            {
                Replace(node, Value(path, matches[0].Groups[1].Value, outputs)?.DeepClone());
                continue;
            }

            var resolved = Reference().Replace(text, m =>
            {
                var value = Value(path, m.Groups[1].Value, outputs);
                return value is JsonValue scalar && scalar.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
                    ? scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString()
                    : throw new EnvironmentConfigurationException($"{path}: {m.Value} is a {Kind(value)}, which cannot be part of a longer string; fix: make the whole value \"{m.Value}\", or refer to a string output");
            });
            Replace(node, JsonValue.Create(resolved));
        }
    }

    private static JsonNode? Value(string path, string name, TerraformOutputs outputs)
    {
        var output = outputs.Find(name)
            ?? throw new EnvironmentConfigurationException(
                $"{path}: ${{tf.{name}}} names no output of {outputs.Source}; fix: use one of {string.Join(", ", outputs.Names)}, or add output \"{name}\" to the Terraform root and apply it");
        return output.Sensitive
            ? throw new EnvironmentConfigurationException(
                $"{path}: ${{tf.{name}}} is a sensitive output, and environment files never hold secret values; fix: refer to the secret by its SSM parameter ARN in secrets")
            : output.Value;
    }

    private static void Replace(JsonNode node, JsonNode? value)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent[node.GetPropertyName()] = value;
                break;
            case JsonArray parent:
                parent[node.GetElementIndex()] = value;
                break;
        }
    }

    private static string Kind(JsonNode? value) => value switch
    {
        JsonArray => "list",
        JsonObject => "map",
        null => "null",
        _ => value.GetValueKind().ToString().ToLowerInvariant(),
    };

    private static IEnumerable<(string Path, string Text, JsonNode Node)> Strings(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    foreach (var found in Strings(child, path + "." + key))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var found in Strings(a[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                yield return (path, v.GetValue<string>(), v);
                break;
        }
    }
}
