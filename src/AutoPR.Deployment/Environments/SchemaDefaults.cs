using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Environments;

/// <summary>
/// Fills the members a file leaves out with the schema's "default" values, so the schema is the one place
/// defaults live (editors show them; the loader applies them) and the typed records never see a missing value.
/// </summary>
internal static class SchemaDefaults
{
    public static void Apply(JsonNode schemaRoot, JsonNode instance) => Apply(schemaRoot, schemaRoot as JsonObject, instance);

    private static void Apply(JsonNode schemaRoot, JsonObject? schema, JsonNode? instance)
    {
        schema = JsonPaths.Deref(schemaRoot, schema);
        if (schema is null)
        {
            return;
        }

        if (instance is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var (name, node) in properties)
            {
                var propertySchema = JsonPaths.Deref(schemaRoot, node as JsonObject);
                if (!obj.ContainsKey(name) && propertySchema?["default"] is { } value)
                {
                    obj[name] = value.DeepClone();
                }

                if (obj[name] is { } member)
                {
                    Apply(schemaRoot, propertySchema, member);
                }
            }
        }
        else if (instance is JsonArray array && schema["items"] is JsonObject items)
        {
            foreach (var item in array)
            {
                Apply(schemaRoot, items, item);
            }
        }
    }
}
