using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AutoPR.LocalEcs.TaskMetadata;

/// <summary>
/// The opaque id at the end of a container's ECS_CONTAINER_METADATA_URI_V4 (/v4/{id}): the task id, a dash and ten
/// digits derived from the task id and container name, the shape Fargate uses (it is also the container's DockerId
/// there). Derived rather than stored, so a container that outlives a LocalEcs restart still finds its metadata.
/// </summary>
public static class TaskMetadataId
{
    /// <summary>The variable AWS sets in every container of a Fargate task (platform 1.4.0 and later).</summary>
    public const string Variable = "ECS_CONTAINER_METADATA_URI_V4";

    public static string For(string taskId, string containerName) => $"{taskId}-{Digits(taskId, containerName)}";

    /// <summary>http://api-address:port/v4/{id}, the value of <see cref="Variable"/>.</summary>
    public static string Uri(Uri apiEndpoint, string taskId, string containerName) =>
        new Uri(apiEndpoint, "v4/" + For(taskId, containerName)).AbsoluteUri;

    /// <summary>The task id an id names, or null when the id is not of this shape.</summary>
    public static string? TaskIdOf(string id)
    {
        var dash = id.LastIndexOf('-');
        return dash > 0 ? id[..dash] : null;
    }

    private static string Digits(string taskId, string containerName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(taskId + "/" + containerName));
        return BinaryPrimitives.ReadUInt32BigEndian(hash).ToString("D10", CultureInfo.InvariantCulture);
    }
}
