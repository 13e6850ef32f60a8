using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Infrastructure;

/// <summary>
/// The root module's outputs of one Terraform state, read from a state file (format version 4: "outputs" with
/// value, type and sensitive) or from `terraform output -json` (the same entries, keyed by name). Where they came
/// from is kept for the errors that name it.
/// </summary>
public sealed class TerraformOutputs
{
    private readonly IReadOnlyDictionary<string, TerraformOutput> _outputs;

    private TerraformOutputs(IReadOnlyDictionary<string, TerraformOutput> outputs, string source)
    {
        _outputs = outputs;
        Source = source;
    }

    /// <summary>Where the outputs were read ("s3://bucket/key", "terraform output -json in infra/environments/dev").</summary>
    public string Source { get; }

    /// <summary>The output names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _outputs.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The output called <paramref name="name"/>, or null when the state has none by that name.</summary>
    public TerraformOutput? Find(string name) => _outputs.GetValueOrDefault(name);

    /// <summary>
    /// Parses a state file (a JSON object with "version" and "outputs") or `terraform output -json` (a JSON object
    /// of outputs). Anything else is a <see cref="TerraformException"/> naming <paramref name="source"/>.
    /// </summary>
    public static TerraformOutputs Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new TerraformException($"{source} is not a Terraform state or `terraform output -json` document: {ex.Message}");
        }

        var isState = root.ContainsKey("version") && root.ContainsKey("terraform_version");
        if (isState && root["version"]?.GetValueKind() == JsonValueKind.Number && root["version"]!.GetValue<int>() != 4)
        {
            throw new TerraformException($"{source} is a Terraform state of format version {root["version"]}; this tool reads version 4 (terraform 0.12 and later)");
        }

        var entries = isState ? root["outputs"] as JsonObject ?? [] : root;
        var outputs = new Dictionary<string, TerraformOutput>(StringComparer.Ordinal);
        foreach (var (name, entry) in entries)
        {
            if (entry is not JsonObject output || !output.ContainsKey("value"))
            {
                throw new TerraformException($"{source}: output \"{name}\" has no value; it is not a Terraform state or `terraform output -json` document");
            }

            outputs[name] = new TerraformOutput(name, output["value"]?.DeepClone(), output["sensitive"]?.GetValueKind() == JsonValueKind.True);
        }

        return new TerraformOutputs(outputs, source);
    }
}

/// <summary>One root-module output: its value as JSON (a string, number, list, map...) and whether it is sensitive.</summary>
public sealed record TerraformOutput(string Name, JsonNode? Value, bool Sensitive);
