using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>
/// A registered task definition and its tags (Register/Describe/DeregisterTaskDefinition). <see cref="Json"/>
/// is the whole "taskDefinition" document, for diffs against a rendered one.
/// </summary>
public sealed class EcsTaskDefinitionView(JsonObject json, IReadOnlyDictionary<string, string> tags)
{
    /// <summary>The taskDefinition document as the service sent it.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>The task definition's tags (empty when none or not asked for).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; } = tags;

    /// <summary>taskDefinitionArn.</summary>
    public string? Arn => JsonRead.GetString(Json, "taskDefinitionArn");

    /// <summary>family.</summary>
    public string? Family => JsonRead.GetString(Json, "family");

    /// <summary>revision.</summary>
    public int Revision => JsonRead.GetInt(Json, "revision") ?? 0;

    /// <summary>status (ACTIVE, INACTIVE, DELETE_IN_PROGRESS).</summary>
    public string? Status => JsonRead.GetString(Json, "status");

    /// <summary>The image of each container, by container name.</summary>
    public IReadOnlyDictionary<string, string> ContainerImages =>
        JsonRead.GetArray(Json, "containerDefinitions")
            .Where(c => JsonRead.GetString(c, "name") is not null && JsonRead.GetString(c, "image") is not null)
            .ToDictionary(c => JsonRead.GetString(c, "name")!, c => JsonRead.GetString(c, "image")!, StringComparer.Ordinal);

    /// <summary>Reads a response that has "taskDefinition" and optionally "tags".</summary>
    public static EcsTaskDefinitionView FromResponse(JsonObject response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var definition = JsonRead.GetObject(response, "taskDefinition") ?? [];
        return new EcsTaskDefinitionView(definition, EcsTags.Read(response));
    }
}
