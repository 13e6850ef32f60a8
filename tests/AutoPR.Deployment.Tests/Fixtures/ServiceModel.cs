using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>
/// An official botocore API model (Models/*.service-2.json) and a validator of JSON documents against its
/// shapes: required members, member names, types, enum values, and length/range bounds.
/// </summary>
public sealed class ServiceModel
{
    private readonly JsonObject _shapes;
    private readonly JsonObject _operations;

    private ServiceModel(JsonObject document)
    {
        Metadata = document["metadata"]!.AsObject();
        _shapes = document["shapes"]!.AsObject();
        _operations = document["operations"]!.AsObject();
    }

    public static ServiceModel Ecs { get; } = Load("ecs-2014-11-13.service-2.json");

    public static ServiceModel Ecr { get; } = Load("ecr-2015-09-21.service-2.json");

    public static ServiceModel CloudWatch { get; } = Load("cloudwatch-2010-08-01.service-2.json");

    public JsonObject Metadata { get; }

    public string TargetPrefix => Metadata["targetPrefix"]!.GetValue<string>();

    public string JsonVersion => Metadata["jsonVersion"]!.GetValue<string>();

    public string SigningName => (Metadata["signingName"] ?? Metadata["endpointPrefix"])!.GetValue<string>();

    public bool HasOperation(string name) => _operations.ContainsKey(name);

    public static ServiceModel ForTargetPrefix(string prefix) =>
        new[] { Ecs, Ecr, CloudWatch }.Single(m => m.TargetPrefix == prefix);

    /// <summary>Problems of a request body against the operation's input shape (empty when valid).</summary>
    public IReadOnlyList<string> ValidateInput(string operation, JsonNode? body) => Validate(operation, "input", body);

    /// <summary>Problems of a response body against the operation's output shape (empty when valid).</summary>
    public IReadOnlyList<string> ValidateOutput(string operation, JsonNode? body) => Validate(operation, "output", body);

    private List<string> Validate(string operation, string direction, JsonNode? body)
    {
        var problems = new List<string>();
        if (_operations[operation] is not JsonObject op)
        {
            problems.Add($"operation {operation} is not in the model");
            return problems;
        }

        if (op[direction]?["shape"]?.GetValue<string>() is not { } shape)
        {
            if (body is JsonObject { Count: > 0 })
            {
                problems.Add($"{operation} has no {direction} shape but the body has members");
            }

            return problems;
        }

        ValidateShape(shape, body ?? new JsonObject(), "$", problems);
        return problems;
    }

    private void ValidateShape(string shapeName, JsonNode? value, string path, List<string> problems)
    {
        var shape = _shapes[shapeName]!.AsObject();
        var type = shape["type"]!.GetValue<string>();
        if (value is null)
        {
            problems.Add($"{path}: null is not a {type} ({shapeName})");
            return;
        }

        switch (type)
        {
            // A document (hookDetails) is free-form JSON.
            case "structure" when shape["document"]?.GetValue<bool>() == true:
                return;
            case "structure":
                if (value is not JsonObject obj)
                {
                    problems.Add($"{path}: expected an object ({shapeName}), got {Kind(value)}");
                    return;
                }

                var members = shape["members"]!.AsObject();
                foreach (var required in shape["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                {
                    if (obj[required] is null)
                    {
                        problems.Add($"{path}: required member '{required}' of {shapeName} is missing");
                    }
                }

                foreach (var (name, member) in obj)
                {
                    if (members[name] is not JsonObject memberDef)
                    {
                        problems.Add($"{path}: '{name}' is not a member of {shapeName}");
                        continue;
                    }

                    ValidateShape(memberDef["shape"]!.GetValue<string>(), member, $"{path}.{name}", problems);
                }

                break;
            case "list":
                if (value is not JsonArray array)
                {
                    problems.Add($"{path}: expected an array ({shapeName}), got {Kind(value)}");
                    return;
                }

                CheckLength(shape, array.Count, path, shapeName, problems);
                for (var i = 0; i < array.Count; i++)
                {
                    ValidateShape(shape["member"]!["shape"]!.GetValue<string>(), array[i], $"{path}[{i}]", problems);
                }

                break;
            case "map":
                if (value is not JsonObject map)
                {
                    problems.Add($"{path}: expected an object map ({shapeName}), got {Kind(value)}");
                    return;
                }

                foreach (var (key, item) in map)
                {
                    ValidateShape(shape["key"]!["shape"]!.GetValue<string>(), JsonValue.Create(key), $"{path}[key {key}]", problems);
                    ValidateShape(shape["value"]!["shape"]!.GetValue<string>(), item, $"{path}.{key}", problems);
                }

                break;
            case "string":
                if (!IsKind(value, JsonValueKind.String))
                {
                    problems.Add($"{path}: expected a string ({shapeName}), got {Kind(value)}");
                    return;
                }

                var text = value.GetValue<string>();
                if (shape["enum"] is JsonArray allowed && allowed.All(a => a!.GetValue<string>() != text))
                {
                    problems.Add($"{path}: '{text}' is not one of {shapeName}: {string.Join(", ", allowed.Select(a => a!.GetValue<string>()))}");
                }

                CheckLength(shape, text.Length, path, shapeName, problems);
                break;
            case "integer" or "long":
                if (!IsKind(value, JsonValueKind.Number) || value.GetValue<double>() % 1 != 0)
                {
                    problems.Add($"{path}: expected an integer ({shapeName}), got {value.ToJsonString()}");
                    return;
                }

                CheckRange(shape, value.GetValue<double>(), path, shapeName, problems);
                break;
            case "double" or "float":
                if (!IsKind(value, JsonValueKind.Number))
                {
                    problems.Add($"{path}: expected a number ({shapeName}), got {value.ToJsonString()}");
                }

                break;
            case "boolean":
                if (!IsKind(value, JsonValueKind.True) && !IsKind(value, JsonValueKind.False))
                {
                    problems.Add($"{path}: expected a boolean ({shapeName}), got {value.ToJsonString()}");
                }

                break;
            case "timestamp":
                // AWS JSON sends timestamps as epoch seconds unless the shape says otherwise.
                var iso = shape["timestampFormat"]?.GetValue<string>() == "iso8601";
                if (!(iso ? IsKind(value, JsonValueKind.String) : IsKind(value, JsonValueKind.Number)))
                {
                    problems.Add($"{path}: expected a timestamp ({(iso ? "ISO-8601 string" : "epoch seconds")}), got {value.ToJsonString()}");
                }

                break;
            case "blob":
                if (!IsKind(value, JsonValueKind.String))
                {
                    problems.Add($"{path}: expected base64 text ({shapeName}), got {Kind(value)}");
                }

                break;
            default:
                problems.Add($"{path}: the validator does not know shape type {type}");
                break;
        }
    }

    private static void CheckLength(JsonObject shape, int length, string path, string shapeName, List<string> problems)
    {
        if (shape["min"] is JsonValue min && length < min.GetValue<double>())
        {
            problems.Add($"{path}: length {length} is below the minimum {min} of {shapeName}");
        }

        if (shape["max"] is JsonValue max && length > max.GetValue<double>())
        {
            problems.Add($"{path}: length {length} is above the maximum {max} of {shapeName}");
        }
    }

    private static void CheckRange(JsonObject shape, double number, string path, string shapeName, List<string> problems)
    {
        if (shape["min"] is JsonValue min && number < min.GetValue<double>())
        {
            problems.Add($"{path}: {number.ToString(CultureInfo.InvariantCulture)} is below the minimum {min} of {shapeName}");
        }

        if (shape["max"] is JsonValue max && number > max.GetValue<double>())
        {
            problems.Add($"{path}: {number.ToString(CultureInfo.InvariantCulture)} is above the maximum {max} of {shapeName}");
        }
    }

    private static bool IsKind(JsonNode node, JsonValueKind kind) => node is JsonValue v && v.GetValueKind() == kind;

    private static string Kind(JsonNode node) => node.GetValueKind().ToString();

    private static ServiceModel Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Models", file);
        return new ServiceModel(JsonNode.Parse(File.ReadAllText(path))!.AsObject());
    }
}
