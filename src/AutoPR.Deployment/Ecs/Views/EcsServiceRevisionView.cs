using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>A service revision (DescribeServiceRevisions): the configuration a service deployment rolls out.</summary>
public sealed class EcsServiceRevisionView(JsonObject json)
{
    /// <summary>The document as the service sent it.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>serviceRevisionArn.</summary>
    public string? Arn => JsonRead.GetString(Json, "serviceRevisionArn");

    /// <summary>taskDefinition: the task-definition ARN the revision runs.</summary>
    public string? TaskDefinition => JsonRead.GetString(Json, "taskDefinition");
}
