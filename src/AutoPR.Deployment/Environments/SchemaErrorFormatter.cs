using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;

namespace AutoPR.Deployment.Environments;

/// <summary>
/// Turns a JSON Schema failure into one line: the JSON path, what is wrong, and the fix, which it derives from
/// the failing keyword and the schema itself (allowed values, expected type, pattern, bounds, description).
/// </summary>
internal sealed class SchemaErrorFormatter(JsonNode schema, JsonNode instance)
{
    /// <summary>All failures, most specific first, each as "PATH: PROBLEM; fix: FIX".</summary>
    public IReadOnlyList<string> Format(EvaluationResults results)
    {
        var failures = new List<(int Depth, string Line)>();
        foreach (var detail in Flatten(results))
        {
            if (detail.Errors is null || detail.IsValid)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                var line = Describe(detail, keyword, message);
                if (line is not null)
                {
                    failures.Add((JsonPaths.Segments(detail.InstanceLocation.ToString()).Count, line));
                }
            }
        }

        return failures.OrderByDescending(f => f.Depth).Select(f => f.Line).Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        foreach (var child in results.Details ?? [])
        {
            foreach (var nested in Flatten(child))
            {
                yield return nested;
            }
        }
    }

    private string? Describe(EvaluationResults detail, string keyword, string message)
    {
        var instanceSegments = JsonPaths.Segments(detail.InstanceLocation.ToString());
        var path = JsonPaths.ToJsonPath(instanceSegments, instance);
        var value = JsonPaths.Resolve(instance, instanceSegments);
        // The evaluation path (through $refs) leads to the subschema that holds the failing keyword.
        var schemaSegments = JsonPaths.Segments(detail.EvaluationPath.ToString());
        if (schemaSegments.Count > 0 && schemaSegments[^1] == keyword)
        {
            schemaSegments = schemaSegments.Take(schemaSegments.Count - 1).ToList();
        }

        var owner = FollowEvaluationPath(schemaSegments);
        var description = owner is JsonObject o && o["description"] is JsonValue d ? " (" + d.GetValue<string>().TrimEnd('.') + ")" : string.Empty;

        // Never echo what was written under secrets: it may be a secret value put there by mistake.
        if (instanceSegments.Count > 0 && instanceSegments[0] == "secrets")
        {
            value = null;
        }

        switch (keyword)
        {
            case "required":
                var required = (owner?["required"] as JsonArray)?.Select(n => n!.GetValue<string>()) ?? [];
                var present = value is JsonObject obj ? obj.Select(p => p.Key).ToHashSet(StringComparer.Ordinal) : [];
                var missing = required.Where(r => !present.Contains(r)).ToList();
                return $"{path}: missing {Quote(missing)}; fix: add {Quote(missing)} to {path} (see the schema for its meaning)";
            case "enum":
                var allowed = (owner?["enum"] as JsonArray)?.Select(n => n!.ToJsonString()) ?? [];
                return $"{path}: {Show(value)} is not allowed; fix: use one of {string.Join(", ", allowed)}{description}";
            case "type":
                return $"{path}: {Show(value)} has the wrong type; fix: make it {Article(owner?["type"]?.ToJsonString().Trim('"') ?? "the documented type")}{description}";
            case "pattern":
                return $"{path}: {Show(value)} does not match {owner?["pattern"]?.GetValue<string>()}; fix: use a value of that form{description}";
            case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum":
                return $"{path}: {Show(value)} is out of range; fix: use a value {Bounds(owner)}{description}";
            case "minItems" or "maxItems" or "minLength" or "maxLength":
                return $"{path}: {Show(value)} {message.TrimEnd('.').ToLowerInvariant()}; fix: adjust it{description}";
            case "format":
                return $"{path}: {Show(value)} is not a valid {owner?["format"]?.GetValue<string>()}; fix: correct it{description}";
            case "additionalProperties" or "false" or "":
                return AdditionalProperty(instanceSegments, path, message);
            default:
                // Container keywords (properties, $ref, allOf) only repeat their children's failures.
                return keyword is "properties" or "$ref" or "allOf" or "propertyNames" or "items"
                    ? null
                    : $"{path}: {message.TrimEnd('.')}; fix: see environment.schema.json{description}";
        }
    }

    private string AdditionalProperty(IReadOnlyList<string> instanceSegments, string path, string message)
    {
        if (instanceSegments.Count == 0)
        {
            return $"{path}: {message.TrimEnd('.')}; fix: see environment.schema.json";
        }

        var name = instanceSegments[^1];
        var parentPath = JsonPaths.ToJsonPath(instanceSegments.Take(instanceSegments.Count - 1), instance);
        var parentSchema = SchemaForInstance(instanceSegments.Take(instanceSegments.Count - 1).ToList());
        var known = (parentSchema?["properties"] as JsonObject)?.Select(p => p.Key).Where(k => k != "$schema").ToList() ?? [];
        var hint = known.Count > 0 ? "; allowed in " + parentPath + ": " + string.Join(", ", known) : string.Empty;
        return $"{path}: unknown property \"{name}\"; fix: remove it or correct its spelling{hint}";
    }

    private JsonObject? FollowEvaluationPath(IReadOnlyList<string> segments)
    {
        JsonNode? node = schema;
        string? previous = null;
        foreach (var segment in segments)
        {
            // JsonSchema.Net names an array item's evaluation ".../items/items/...": the second is not a schema member.
            if (!(segment == "items" && previous == "items"))
            {
                node = segment == "$ref" ? Deref(node as JsonObject) : JsonPaths.Resolve(node, [segment]);
            }

            previous = segment;
        }

        return node as JsonObject;
    }

    // Follows "properties" (and local $refs) from the schema root along an instance path.
    private JsonObject? SchemaForInstance(IReadOnlyList<string> segments)
    {
        var current = schema as JsonObject;
        foreach (var segment in segments)
        {
            current = Deref(current);
            current = (current?["properties"] as JsonObject)?[segment] as JsonObject;
        }

        return Deref(current);
    }

    private JsonObject? Deref(JsonObject? node) => JsonPaths.Deref(schema, node);

    private static string Bounds(JsonNode? owner)
    {
        var parts = new List<string>();
        AddBound(owner, "minimum", ">= ", parts);
        AddBound(owner, "exclusiveMinimum", "> ", parts);
        AddBound(owner, "maximum", "<= ", parts);
        AddBound(owner, "exclusiveMaximum", "< ", parts);
        return string.Join(" and ", parts);
    }

    private static void AddBound(JsonNode? owner, string keyword, string op, List<string> parts)
    {
        if (owner?[keyword] is JsonValue v)
        {
            parts.Add(op + v.GetValue<double>().ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string Show(JsonNode? value) => value is null ? "the value" : value.ToJsonString();

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => "\"" + n + "\""));

    private static string Article(string type) => type is "array" or "integer" or "object" ? "an " + type : "a " + type;
}
