using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.Build;

/// <summary>
/// Gives each parameter its value from the first source that has one: the command line, then the environment
/// (AUTOPR_NAME, Name, NAME), then the profiles named with --profile (later ones win), then .nuke/parameters.json.
/// Everything is parsed and checked before any target runs.
/// </summary>
internal sealed class ParameterResolver(IReadOnlyList<ParameterDescriptor> parameters, string rootDirectory)
{
    public const string ParametersDirectory = ".nuke";

    public void Apply(
        object build,
        IReadOnlyDictionary<string, IReadOnlyList<string>> commandLine,
        IDictionary environment,
        IReadOnlyList<string> profiles,
        SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(redactor);

        var files = LoadFiles(profiles);
        foreach (var parameter in parameters)
        {
            var found = FromCommandLine(parameter, commandLine)
                ?? FromEnvironment(parameter, environment)
                ?? files.Select(file => FromFile(parameter, file)).FirstOrDefault(value => value is not null);
            if (found is { } value)
            {
                if (parameter.IsSecret)
                {
                    foreach (var secret in value.Raw)
                    {
                        redactor.Add(secret);
                    }
                }

                parameter.SetValue(build, ParameterValueParser.Parse(parameter, value.Raw, value.Source, rootDirectory));
            }

            // A default set in code (or computed by the build) is as secret as a value that was passed.
            if (parameter.IsSecret && parameter.GetValue(build) is { } current)
            {
                foreach (var secret in current is Array array ? array.Cast<object?>() : [current])
                {
                    if (secret?.ToString() is { } text)
                    {
                        redactor.Add(text);
                    }
                }
            }
        }
    }

    private static RawValue? FromCommandLine(ParameterDescriptor parameter, IReadOnlyDictionary<string, IReadOnlyList<string>> commandLine) =>
        commandLine.TryGetValue(parameter.Name, out var raw) ? new RawValue(raw, "command line") : null;

    private static RawValue? FromEnvironment(ParameterDescriptor parameter, IDictionary environment)
    {
        foreach (var name in parameter.EnvironmentNames)
        {
            if (environment[name] is string text && text.Length > 0)
            {
                IReadOnlyList<string> raw = parameter.IsArray
                    ? text.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : [text];
                return new RawValue(raw, $"environment variable {name}");
            }
        }

        return null;
    }

    private static RawValue? FromFile(ParameterDescriptor parameter, ParameterFile file)
    {
        if (file.Values[parameter.Name] is not { } node)
        {
            return null;
        }

        IReadOnlyList<string> raw = node is JsonArray array
            ? [.. array.Select(Text)]
            : [Text(node)];
        return new RawValue(raw, file.DisplayName);
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>The files to read, highest precedence first: the last profile named, ..., the first, then parameters.json.</summary>
    private List<ParameterFile> LoadFiles(IReadOnlyList<string> profiles)
    {
        var files = new List<ParameterFile>();
        var defaults = Path.Combine(rootDirectory, ParametersDirectory, "parameters.json");
        if (File.Exists(defaults))
        {
            files.Add(Load(defaults));
        }

        foreach (var profile in profiles)
        {
            var path = Path.Combine(rootDirectory, ParametersDirectory, $"parameters.{profile}.json");
            if (!File.Exists(path))
            {
                var known = Directory.Exists(Path.GetDirectoryName(path))
                    ? Directory.GetFiles(Path.GetDirectoryName(path)!, "parameters.*.json")
                        .Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length])
                        .Order(StringComparer.Ordinal)
                        .ToList()
                    : [];
                throw new UsageException($"Profile '{profile}' not found: create {ParametersDirectory}/parameters.{profile}.json" +
                    (known.Count > 0 ? $" or use one of: {string.Join(", ", known)}." : "."));
            }

            files.Add(Load(path));
        }

        files.Reverse();
        return files;
    }

    private ParameterFile Load(string path)
    {
        var display = Path.GetRelativePath(rootDirectory, path);
        JsonObject values;
        try
        {
            values = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new UsageException($"{display} must hold a JSON object of parameter names to values.");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{display} is not valid JSON ({e.Message}); fix the file or delete it.");
        }

        foreach (var key in values.Select(p => p.Key).Where(k => k != "$schema"))
        {
            if (!parameters.Any(p => p.Name == key))
            {
                var near = parameters.FirstOrDefault(p => TargetNames.Normalize(p.Name) == TargetNames.Normalize(key));
                throw new UsageException(near is not null
                    ? $"{display}: key '{key}' should be spelled '{near.Name}'."
                    : $"{display}: '{key}' is not a parameter; known parameters: {string.Join(", ", parameters.Select(p => p.Name))}.");
            }
        }

        return new ParameterFile(display, values);
    }

    private sealed record RawValue(IReadOnlyList<string> Raw, string Source);

    private sealed record ParameterFile(string DisplayName, JsonObject Values);
}
