using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Diff;

/// <summary>
/// Brings a rendered task definition and one DescribeTaskDefinition returned to the same form, so that only real
/// differences remain: members ECS fills in (ARN, revision, status, requiresAttributes, compatibilities,
/// registeredAt/By, ...), defaults it adds (essential true, container cpu 0, protocol tcp, hostPort equal to the
/// container port, health-check interval 30/timeout 5/retries 3, versionConsistency enabled, ...) and orderings
/// it does not keep (environment, secrets by name) are removed or fixed.
/// </summary>
public static class TaskDefinitionNormalizer
{
    /// <summary>Members the API adds to a registered task definition; never part of what a team writes.</summary>
    public static readonly IReadOnlySet<string> ApiFilledMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "registeredBy",
        "deregisteredAt", "deleteRequestedAt", "tags",
    };

    /// <summary>The canonical form of a task definition document.</summary>
    public static JsonObject Normalize(JsonObject taskDefinition)
    {
        ArgumentNullException.ThrowIfNull(taskDefinition);
        var document = (JsonObject)taskDefinition.DeepClone();
        foreach (var member in ApiFilledMembers)
        {
            document.Remove(member);
        }

        // Task-level cpu and memory are strings in the API ("256"); some writers send numbers.
        AsString(document, "cpu");
        AsString(document, "memory");
        RemoveIf(document, "enableFaultInjection", false);
        SortStrings(document, "requiresCompatibilities");
        SortBy(document, "volumes", "name");
        if (document["containerDefinitions"] is JsonArray containers)
        {
            foreach (var container in containers.OfType<JsonObject>())
            {
                NormalizeContainer(container);
            }

            SortBy(document, "containerDefinitions", "name");
        }

        return CanonicalJson.Canonicalize(document) as JsonObject ?? [];
    }

    private static void NormalizeContainer(JsonObject container)
    {
        RemoveIf(container, "essential", true);
        RemoveIf(container, "cpu", 0);
        RemoveIf(container, "versionConsistency", "enabled");
        if (container["portMappings"] is JsonArray mappings)
        {
            foreach (var mapping in mappings.OfType<JsonObject>())
            {
                RemoveIf(mapping, "protocol", "tcp");
                // awsvpc: ECS sets hostPort to the container port; bridge: 0 means "dynamic", as does leaving it out.
                var containerPort = JsonNumbers.Get(mapping["containerPort"]);
                var hostPort = JsonNumbers.Get(mapping["hostPort"]);
                if (hostPort is not null && (hostPort == 0 || hostPort == containerPort))
                {
                    mapping.Remove("hostPort");
                }
            }

            SortBy(container, "portMappings", "containerPort");
        }

        SortBy(container, "environment", "name");
        SortBy(container, "secrets", "name");
        SortBy(container, "ulimits", "name");
        SortBy(container, "extraHosts", "hostname");
        if (container["healthCheck"] is JsonObject healthCheck)
        {
            RemoveIf(healthCheck, "interval", 30);
            RemoveIf(healthCheck, "timeout", 5);
            RemoveIf(healthCheck, "retries", 3);
            RemoveIf(healthCheck, "startPeriod", 0);
        }
    }

    internal static void RemoveIf(JsonObject owner, string member, object defaultValue)
    {
        if (owner[member] is not JsonValue value)
        {
            return;
        }

        var matches = defaultValue switch
        {
            bool b => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False && value.GetValue<bool>() == b,
            int i => JsonNumbers.Get(value) == i,
            string s => value.GetValueKind() == JsonValueKind.String && string.Equals(value.GetValue<string>(), s, StringComparison.Ordinal),
            _ => false,
        };
        if (matches)
        {
            owner.Remove(member);
        }
    }

    internal static void SortBy(JsonObject owner, string member, string key)
    {
        if (owner[member] is not JsonArray array || array.Count < 2)
        {
            return;
        }

        var items = array.ToList();
        array.Clear();
        foreach (var item in items.OrderBy(i => SortKey(i, key), StringComparer.Ordinal))
        {
            array.Add(item);
        }
    }

    internal static void SortStrings(JsonObject owner, string member)
    {
        if (owner[member] is not JsonArray array || array.Count < 2)
        {
            return;
        }

        var items = array.ToList();
        array.Clear();
        foreach (var item in items.OrderBy(i => i?.ToJsonString() ?? string.Empty, StringComparer.Ordinal))
        {
            array.Add(item);
        }
    }

    private static string SortKey(JsonNode? item, string key)
    {
        var value = (item as JsonObject)?[key];
        return value switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonNumbers.Get(v)!.Value.ToString("000000000000.###", System.Globalization.CultureInfo.InvariantCulture),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => item?.ToJsonString() ?? string.Empty,
        };
    }

    private static void AsString(JsonObject owner, string member)
    {
        if (owner[member] is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            owner[member] = value.ToJsonString();
        }
    }
}
