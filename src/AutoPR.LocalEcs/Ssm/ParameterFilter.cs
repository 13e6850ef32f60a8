using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;

namespace AutoPR.LocalEcs.Ssm;

/// <summary>DescribeParameters' filters: ParameterFilters (Name: Equals, BeginsWith, Contains; Type: Equals, BeginsWith) and the older Filters.</summary>
public sealed record ParameterFilter(string Field, string Match, IReadOnlyList<string> Accepted)
{
    public static IReadOnlyList<ParameterFilter> Read(JsonArgs request)
    {
        var filters = new List<ParameterFilter>();
        foreach (var filter in request.Array("ParameterFilters")?.OfType<JsonObject>() ?? [])
        {
            var key = filter["Key"]?.GetValue<string>() ?? throw request.Invalid("ParameterFilters need a Key.");
            if (key is not ("Name" or "Type"))
            {
                throw new AwsServiceException("InvalidFilterKey", $"LocalEcs filters parameters by Name or Type, not {key}.");
            }

            var option = filter["Option"]?.GetValue<string>() ?? "Equals";
            if (option is not ("Equals" or "BeginsWith") && !(key == "Name" && option == "Contains"))
            {
                throw new AwsServiceException("InvalidFilterOption", $"The filter option {option} is not valid for key {key}. Valid options include: [BeginsWith, Equals].");
            }

            filters.Add(new ParameterFilter(key, option, ReadValues(filter["Values"])));
        }

        foreach (var filter in request.Array("Filters")?.OfType<JsonObject>() ?? [])
        {
            var key = filter["Key"]?.GetValue<string>() ?? throw request.Invalid("Filters need a Key.");
            if (key is not ("Name" or "Type"))
            {
                throw new AwsServiceException("InvalidFilterKey", $"LocalEcs filters parameters by Name or Type, not {key}.");
            }

            filters.Add(new ParameterFilter(key, key == "Name" ? "BeginsWith" : "Equals", ReadValues(filter["Values"])));
        }

        return filters;
    }

    public bool Matches(SsmParameter parameter)
    {
        var subject = Field == "Name" ? parameter.Name : parameter.Type;
        return Accepted.Any(value => Match switch
        {
            "BeginsWith" => subject.StartsWith(value, StringComparison.Ordinal) || (Field == "Name" && subject.StartsWith("/" + value, StringComparison.Ordinal)),
            "Contains" => subject.Contains(value, StringComparison.Ordinal),
            _ => subject == value || (Field == "Name" && (subject == "/" + value || "/" + subject == value)),
        });
    }

    private static List<string> ReadValues(JsonNode? node) => node is JsonArray array ? [.. array.Select(v => v?.GetValue<string>() ?? string.Empty)] : [];
}
