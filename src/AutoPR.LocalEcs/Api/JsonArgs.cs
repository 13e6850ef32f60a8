using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Api;

/// <summary>Typed reads of a request body; wrong types become the service's invalid-parameter error.</summary>
public sealed class JsonArgs
{
    private readonly JsonObject _body;
    private readonly string _invalidCode;

    public JsonArgs(JsonObject body, string invalidCode = "InvalidParameterException")
    {
        _body = body;
        _invalidCode = invalidCode;
    }

    public JsonObject Body => _body;

    public bool Has(string name) => _body[name] is not null;

    public string? Text(string name) => Read(name, static (JsonValue v, out string? s) => v.TryGetValue(out s));

    public string RequiredText(string name) =>
        Text(name) is { Length: > 0 } value ? value : throw Invalid($"{name} is required and must be a non-empty string.");

    public int? WholeNumber(string name) => _body[name] is JsonValue v && v.TryGetValue(out double d)
        ? (int)d
        : Has(name) ? throw Invalid($"{name} must be a number.") : null;

    public double? Number(string name) => _body[name] is JsonValue v && v.TryGetValue(out double d)
        ? d
        : Has(name) ? throw Invalid($"{name} must be a number.") : null;

    public bool? Flag(string name) => _body[name] is JsonValue v && v.TryGetValue(out bool b)
        ? b
        : Has(name) ? throw Invalid($"{name} must be true or false.") : null;

    public DateTimeOffset? Time(string name) => Has(name)
        ? AwsTime.Parse(_body[name]) ?? throw Invalid($"{name} must be a timestamp.")
        : null;

    public JsonObject? Map(string name) => _body[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Invalid($"{name} must be an object."),
    };

    public JsonArray? Array(string name) => _body[name] switch
    {
        null => null,
        JsonArray a => a,
        _ => throw Invalid($"{name} must be a list."),
    };

    public IReadOnlyList<string> Texts(string name) =>
        Array(name)?.Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s : throw Invalid($"{name} must be a list of strings.")).ToList()
        ?? [];

    public JsonArgs? Nested(string name) => Map(name) is { } o ? new JsonArgs(o, _invalidCode) : null;

    public AwsServiceException Invalid(string message) => new(_invalidCode, message);

    private delegate bool TryRead<T>(JsonValue value, out T result);

    private T? Read<T>(string name, TryRead<T?> read)
    {
        var node = _body[name];
        if (node is null)
        {
            return default;
        }

        if (node is JsonValue value && node.GetValueKind() != JsonValueKind.Null && read(value, out var result))
        {
            return result;
        }

        throw Invalid($"{name} has the wrong type.");
    }
}
