using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Hosting;

namespace AutoPR.LocalEcs.Ssm;

/// <summary>
/// PutParameter, GetParameter, GetParameters, DeleteParameter, DescribeParameters. No message names a value:
/// errors quote names only, and the endpoint logs targets and error messages, never bodies.
/// </summary>
public sealed class SsmOperations(ParameterStore store, SecureStringMask mask, LocalEcsOptions options, TimeProvider time)
{
    private static readonly string[] Types = ["String", "StringList", "SecureString"];

    public Task<JsonObject> PutParameterAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var name = ValidName(request, request.Text("Name"));
        var value = request.Text("Value") ?? throw request.Invalid("1 validation error detected: Value must not be null.");
        var type = request.Text("Type");
        if (type is not null && !Types.Contains(type, StringComparer.Ordinal))
        {
            throw request.Invalid($"1 validation error detected: Value '{type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]");
        }

        var overwrite = request.Flag("Overwrite") ?? false;
        var tags = request.Array("Tags");
        if (overwrite && tags is { Count: > 0 })
        {
            throw request.Invalid("Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.");
        }

        var stored = store.Change(name, current =>
        {
            if (current is not null && !overwrite)
            {
                throw new AwsServiceException("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
            }

            var parameter = current ?? new SsmParameter { Name = name, Type = type ?? "String", Value = value, Version = 0 };
            parameter.Type = type ?? parameter.Type;
            parameter.Value = value;
            parameter.Version++;
            parameter.Description = request.Text("Description") ?? parameter.Description;
            parameter.DataType = request.Text("DataType") ?? parameter.DataType;
            parameter.LastModifiedDate = time.GetUtcNow();
            foreach (var tag in tags?.OfType<JsonObject>() ?? [])
            {
                parameter.Tags[tag["Key"]?.GetValue<string>() ?? string.Empty] = tag["Value"]?.GetValue<string>() ?? string.Empty;
            }

            return parameter;
        });
        return Task.FromResult(new JsonObject { ["Version"] = stored.Version, ["Tier"] = "Standard" });
    }

    public Task<JsonObject> GetParameterAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var name = ValidName(request, request.Text("Name"));
        var parameter = store.Find(name) ?? throw NotFound(name);
        return Task.FromResult(new JsonObject { ["Parameter"] = ToJson(parameter, request.Flag("WithDecryption") ?? false) });
    }

    public Task<JsonObject> GetParametersAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var names = request.Texts("Names");
        if (names.Count is 0 or > 10)
        {
            throw request.Invalid("1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length less than or equal to 10 and greater than or equal to 1");
        }

        var decrypt = request.Flag("WithDecryption") ?? false;
        var found = new JsonArray();
        var invalid = new JsonArray();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (store.Find(name) is { } parameter)
            {
                found.Add(ToJson(parameter, decrypt));
            }
            else
            {
                invalid.Add(name);
            }
        }

        return Task.FromResult(new JsonObject { ["Parameters"] = found, ["InvalidParameters"] = invalid });
    }

    public Task<JsonObject> DeleteParameterAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var name = ValidName(request, request.Text("Name"));
        return store.Delete(name) ? Task.FromResult(new JsonObject()) : throw NotFound(name);
    }

    public Task<JsonObject> DescribeParametersAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var filters = ParameterFilter.Read(request);
        var matching = store.All().Where(p => filters.All(f => f.Matches(p))).ToList();
        var (page, next) = Paging.Page(matching, request, 10, "NextToken", "MaxResults");
        return Task.FromResult(new JsonObject
        {
            ["Parameters"] = new JsonArray([.. page.Select(p => (JsonNode)Metadata(p))]),
            ["NextToken"] = next,
        });
    }

    private static string ValidName(JsonArgs request, string? name) => name switch
    {
        null or "" => throw request.Invalid("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"),
        { Length: > 2048 } => throw request.Invalid("1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length less than or equal to 2048"),
        _ => name,
    };

    private static AwsServiceException NotFound(string name) => new("ParameterNotFound", $"Parameter {ParameterNames.Display(name)} not found.");

    private string Arn(SsmParameter parameter) => ParameterNames.Arn(options.Region, options.AccountId, parameter.Name);

    private JsonObject ToJson(SsmParameter parameter, bool decrypt) => new()
    {
        ["Name"] = parameter.Name,
        ["Type"] = parameter.Type,
        ["Value"] = parameter.Type == "SecureString" && !decrypt ? mask.Mask(parameter) : parameter.Value,
        ["Version"] = parameter.Version,
        ["LastModifiedDate"] = AwsTime.ToJson(parameter.LastModifiedDate),
        ["ARN"] = Arn(parameter),
        ["DataType"] = parameter.DataType,
    };

    private JsonObject Metadata(SsmParameter parameter) => new()
    {
        ["Name"] = parameter.Name,
        ["ARN"] = Arn(parameter),
        ["Type"] = parameter.Type,
        ["KeyId"] = parameter.Type == "SecureString" ? "alias/aws/ssm" : null,
        ["LastModifiedDate"] = AwsTime.ToJson(parameter.LastModifiedDate),
        ["LastModifiedUser"] = $"arn:aws:iam::{options.AccountId}:user/localecs",
        ["Description"] = parameter.Description,
        ["Version"] = parameter.Version,
        ["Tier"] = "Standard",
        ["Policies"] = new JsonArray(),
        ["DataType"] = parameter.DataType,
    };
}
