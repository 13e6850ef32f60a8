using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Infrastructure;
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

    /// <summary>
    /// Loads environment <paramref name="name"/> from <paramref name="directory"/>; an unknown name lists the known
    /// ones. A file that refers to Terraform outputs needs them (<see cref="LoadAsync"/> reads them).
    /// </summary>
    public static DeploymentEnvironment Load(string directory, string name, TerraformOutputs? outputs = null) =>
        LoadFile(PathOf(directory, name), outputs: outputs);

    /// <summary>
    /// Loads environment <paramref name="name"/>, first reading the Terraform outputs its ${tf.NAME} references
    /// need, from where its terraform section says (<paramref name="outputs"/> reads them).
    /// </summary>
    public static async Task<DeploymentEnvironment> LoadAsync(string directory, string name, TerraformOutputReader outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var header = ReadHeader(directory, name);
        var read = header.References.Count == 0 ? null : await outputs.ReadAsync(header, cancellationToken).ConfigureAwait(false);
        return Load(directory, name, read);
    }

    /// <summary>
    /// What the file says before its Terraform references are resolved (<see cref="EnvironmentHeader"/>). A file
    /// without references is validated whole here; one with references as far as it can be without the outputs.
    /// </summary>
    public static EnvironmentHeader ReadHeader(string directory, string name)
    {
        var path = PathOf(directory, name);
        var (file, _, instance) = Read(path);
        var references = FindReferences(file, instance);
        if (references.Count == 0)
        {
            var environment = LoadFile(path);
            return new EnvironmentHeader
            {
                Name = environment.Name,
                Aws = environment.Aws,
                Ecr = environment.Ecr,
                Terraform = environment.Terraform,
                RequiresApproval = environment.RequiresApproval,
                FilePath = environment.FilePath,
            };
        }

        EnvironmentHeader header;
        try
        {
            header = instance.Deserialize(EnvironmentJsonContext.Default.EnvironmentHeader) ?? throw new JsonException("the document is null");
        }
        catch (JsonException ex)
        {
            var at = ex.Path is null ? "$" : ex.Path;
            throw new EnvironmentConfigurationException($"{file}: {at}: {FirstSentence(ex.Message)}; fix: correct the value there (see environment.schema.json).", ex);
        }

        var problems = TerraformRules.Check(header.Terraform, references[0]).ToList();
        if (header.Name != name)
        {
            problems.Insert(0, $"$.name: \"{header.Name}\" differs from the file name; fix: set it to \"{name}\" or rename the file");
        }

        return problems.Count > 0
            ? throw Invalid(file, problems)
            : header with { FilePath = Path.GetFullPath(path), References = references };
    }

    /// <summary>Loads and validates one environment file against the schema beside it (or <paramref name="schemaPath"/>).</summary>
    public static DeploymentEnvironment LoadFile(string path, string? schemaPath = null, TerraformOutputs? outputs = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (file, text, instance) = Read(path);
        schemaPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, SchemaFileName);
        var (schema, schemaDocument) = LoadSchema(schemaPath);

        var references = FindReferences(file, instance);
        if (references.Count > 0)
        {
            var terraform = instance["terraform"]?.Deserialize(EnvironmentJsonContext.Default.TerraformSettings);
            var problems = TerraformRules.Check(terraform, references[0]).ToList();
            if (problems.Count > 0)
            {
                throw Invalid(file, problems);
            }

            if (outputs is null)
            {
                throw new EnvironmentConfigurationException(
                    $"{file}: {references[0].Path} refers to the Terraform output \"{references[0].Output}\", and no outputs were read; fix: load it with EnvironmentLoader.LoadAsync, which reads them from $.terraform.");
            }

            try
            {
                TerraformReferences.Resolve(instance, outputs);
            }
            catch (EnvironmentConfigurationException unresolved)
            {
                throw new EnvironmentConfigurationException($"{file}: {unresolved.Message}.", unresolved);
            }
        }

        var element = references.Count > 0 ? JsonSerializer.SerializeToElement(instance, EnvironmentJsonContext.Default.JsonNode) : ParseElement(text);
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

    private static string PathOf(string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var known = ListNames(directory);
        if (!known.Contains(name, StringComparer.Ordinal))
        {
            var list = known.Count == 0 ? "none (no *.json files)" : string.Join(", ", known);
            throw new EnvironmentConfigurationException(
                $"Unknown environment '{name}': known environments in {Display(directory)} are {list}; fix: pass one of them, or add {name}.json there.");
        }

        return Path.Combine(directory, name + ".json");
    }

    /// <summary>The file's text and JSON tree; a missing file or a syntax error is one line.</summary>
    private static (string File, string Text, JsonNode Instance) Read(string path)
    {
        var file = Display(path);
        if (!File.Exists(path))
        {
            throw new EnvironmentConfigurationException($"{file}: file not found; fix: create it (see the other files in that folder) or pick another environment.");
        }

        var text = File.ReadAllText(path);
        try
        {
            return (file, text, JsonNode.Parse(text, documentOptions: DocumentOptions) ?? throw new JsonException("the document is null"));
        }
        catch (JsonException ex)
        {
            throw new EnvironmentConfigurationException(
                $"{file}: line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: invalid JSON; fix: correct the syntax there ({FirstSentence(ex.Message)}).", ex);
        }
    }

    private static JsonElement ParseElement(string text)
    {
        using var document = JsonDocument.Parse(text, DocumentOptions);
        return document.RootElement.Clone();
    }

    private static IReadOnlyList<TerraformReferences.Use> FindReferences(string file, JsonNode instance)
    {
        try
        {
            return TerraformReferences.Find(instance);
        }
        catch (EnvironmentConfigurationException malformed)
        {
            throw new EnvironmentConfigurationException($"{file}: {malformed.Message}.", malformed);
        }
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
