using System.Globalization;
using System.Security.Cryptography;
using AutoPR.LocalEcs.Hosting;

namespace AutoPR.LocalEcs.Ecs;

/// <summary>ECS ARNs and identifiers in the formats AWS uses, and parsing of name-or-ARN parameters.</summary>
public sealed class EcsNames
{
    private readonly string _prefix;

    public EcsNames(LocalEcsOptions options)
    {
        _prefix = options.EcsEndpointPrefix;
    }

    public string ClusterArn(string cluster) => $"{_prefix}:cluster/{cluster}";

    public string ServiceArn(string cluster, string service) => $"{_prefix}:service/{cluster}/{service}";

    public string TaskArn(string cluster, string taskId) => $"{_prefix}:task/{cluster}/{taskId}";

    public string ContainerArn(string cluster, string taskId) => $"{_prefix}:container/{cluster}/{taskId}/{Guid.NewGuid()}";

    public string TaskDefinitionArn(string family, int revision) => $"{_prefix}:task-definition/{family}:{revision}";

    public string ServiceDeploymentArn(string cluster, string service) => $"{_prefix}:service-deployment/{cluster}/{service}/{RandomToken(22)}";

    public string ServiceRevisionArn(string cluster, string service) => $"{_prefix}:service-revision/{cluster}/{service}/{RandomDigits(19)}";

    /// <summary>32 lowercase hex characters, like ECS task ids.</summary>
    public static string NewTaskId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>ecs-svc/ and 19 digits, like ECS deployment ids.</summary>
    public static string NewDeploymentId() => "ecs-svc/" + RandomDigits(19);

    /// <summary>ecs-pause- and 43 URL-safe base64 characters, like the hook ids of ECS's PAUSE hooks.</summary>
    public static string NewPauseHookId() =>
        "ecs-pause-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The last path segment of an ARN, or the value itself when it is a plain name.</summary>
    public static string NameOf(string nameOrArn) =>
        nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..] : nameOrArn;

    /// <summary>Cluster name from a cluster name or ARN; ECS's default cluster when absent.</summary>
    public static string ClusterName(string? nameOrArn) => string.IsNullOrEmpty(nameOrArn) ? "default" : NameOf(nameOrArn);

    /// <summary>Splits "family", "family:revision" or a task-definition ARN.</summary>
    public static (string Family, int? Revision) ParseTaskDefinition(string value)
    {
        var text = value.StartsWith("arn:", StringComparison.Ordinal) ? value[(value.IndexOf("task-definition/", StringComparison.Ordinal) + "task-definition/".Length)..] : value;
        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
        {
            return (text[..colon], revision);
        }

        return (text, null);
    }

    private static string RandomDigits(int count)
    {
        var chars = new char[count];
        chars[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
        for (var i = 1; i < count; i++)
        {
            chars[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return new string(chars);
    }

    private static string RandomToken(int count)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(count, alphabet, static (span, a) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = a[RandomNumberGenerator.GetInt32(a.Length)];
            }
        });
    }
}
