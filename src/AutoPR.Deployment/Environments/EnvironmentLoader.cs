using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace AutoPR.Deployment.Environments;

/// <summary>
/// Loads deploy/environments/NAME.json: validates it against environment.schema.json (beside it) and the
/// cross-field rules, then maps it to a <see cref="DeploymentEnvironment"/>. Every problem is one line naming
/// the file, the JSON path and the fix.
/// </summary>
public static class EnvironmentLoader
{
    /// <summary>The schema's file name, next to the environment files.</summary>
    public const string SchemaFileName = "environment.schema.json";

    /// <summary>The environments folder under a repository root.</summary>
    public static string DefaultDirectory(string repositoryRoot) => Path.Combine(repositoryRoot, "deploy", "environments");

    private static readonly ConcurrentDictionary<string, (JsonSchema Schema, JsonNode Document)> Schemas = new(StringComparer.Ordinal);

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The environment names in <paramref name="directory"/> (its *.json files except the schema), sorted.</summary>
    public static IReadOnlyList<string> ListNames(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, "*.json")
            .Select(Path.GetFileName)
            .Where(f => f is not null && !f.Equals(SchemaFileName, StringComparison.Ordinal))
            .Select(f => Path.GetFileNameWithoutExtension(f!))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Loads environment <paramref name="name"/> from <paramref name="directory"/>; an unknown name lists the known ones.</summary>
    public static DeploymentEnvironment Load(string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var known = ListNames(directory);
        if (!known.Contains(name, StringComparer.Ordinal))
        {
            var list = known.Count == 0 ? "none (no *.json files)" : string.Join(", ", known);
            throw new EnvironmentConfigurationException(
                $"Unknown environment '{name}': known environments in {Display(directory)} are {list}; fix: pass one of them, or add {name}.json there.");
        }

        return LoadFile(Path.Combine(directory, name + ".json"));
    }

    /// <summary>Loads and validates one environment file against the schema beside it (or <paramref name="schemaPath"/>).</summary>
    public static DeploymentEnvironment LoadFile(string path, string? schemaPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Display(path);
        if (!File.Exists(path))
        {
            throw new EnvironmentConfigurationException($"{file}: file not found; fix: create it (see the other files in that folder) or pick another environment.");
        }

        schemaPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, SchemaFileName);
        var (schema, schemaDocument) = LoadSchema(schemaPath);

        var text = File.ReadAllText(path);
        JsonNode instance;
        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(text, DocumentOptions);
            element = document.RootElement.Clone();
            instance = JsonNode.Parse(text, documentOptions: DocumentOptions)!;
        }
        catch (JsonException ex)
        {
            throw new EnvironmentConfigurationException(
                $"{file}: line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: invalid JSON; fix: correct the syntax there ({FirstSentence(ex.Message)}).", ex);
        }

        var results = schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
        {
            var problems = new SchemaErrorFormatter(schemaDocument, instance).Format(results);
            throw Invalid(file, problems.Count > 0 ? problems : ["$: does not match environment.schema.json; fix: compare it with the schema"]);
        }

        SchemaDefaults.Apply(schemaDocument, instance);
        DeploymentEnvironment environment;
        try
        {
            environment = instance.Deserialize(EnvironmentJsonContext.Default.DeploymentEnvironment)
                ?? throw new JsonException("the document is null");
        }
        catch (JsonException ex)
        {
            var at = ex.Path is null ? "$" : ex.Path;
            throw new EnvironmentConfigurationException($"{file}: {at}: {FirstSentence(ex.Message)}; fix: correct the value there (see environment.schema.json).", ex);
        }

        var expectedName = Path.GetFileNameWithoutExtension(path);
        var ruleProblems = EnvironmentRules.Check(environment, expectedName).ToList();
        if (ruleProblems.Count > 0)
        {
            throw Invalid(file, ruleProblems);
        }

        return environment with { FilePath = Path.GetFullPath(path) };
    }

    private static EnvironmentConfigurationException Invalid(string file, IReadOnlyList<string> problems)
    {
        var more = problems.Count > 1 ? $" (and {problems.Count - 1} more problem{(problems.Count > 2 ? "s" : string.Empty)})" : string.Empty;
        return new EnvironmentConfigurationException($"{file}: {problems[0]}{more}.");
    }

    private static (JsonSchema Schema, JsonNode Document) LoadSchema(string schemaPath)
    {
        if (!File.Exists(schemaPath))
        {
            throw new EnvironmentConfigurationException($"{Display(schemaPath)}: schema not found; fix: restore deploy/environments/{SchemaFileName} from the repository.");
        }

        var full = Path.GetFullPath(schemaPath);
        var stamp = full + "|" + File.GetLastWriteTimeUtc(full).Ticks;
        return Schemas.GetOrAdd(stamp, _ =>
        {
            var text = File.ReadAllText(full);
            // A private registry per schema: the global one refuses a second schema with the same $id.
            var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            return (schema, JsonNode.Parse(text)!);
        });
    }

    private static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) ? full : relative;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
