using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Ecs.Shapes;

/// <summary>The registered definition plus the fields ECS adds (ARN, revision, status, compatibilities).</summary>
public static class TaskDefinitionShape
{
    public static JsonObject ToJson(TaskDefinitionRecord definition)
    {
        var json = (JsonObject)definition.Definition.DeepClone();
        json["taskDefinitionArn"] = definition.Arn;
        json["family"] = definition.Family;
        json["revision"] = definition.Revision;
        json["status"] = definition.Status;
        json["registeredAt"] = AwsTime.ToJson(definition.RegisteredAt);
        json["registeredBy"] = "arn:aws:iam::000000000000:root";
        json["compatibilities"] ??= new JsonArray("EC2", "FARGATE");
        json["requiresAttributes"] ??= new JsonArray();
        json["volumes"] ??= new JsonArray();
        json["placementConstraints"] ??= new JsonArray();
        if (definition.DeregisteredAt is { } deregistered)
        {
            json["deregisteredAt"] = AwsTime.ToJson(deregistered);
        }

        foreach (var container in json["containerDefinitions"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            container["cpu"] ??= 0;
            container["essential"] ??= true;
            container["environment"] ??= new JsonArray();
            container["mountPoints"] ??= new JsonArray();
            container["volumesFrom"] ??= new JsonArray();
            container["portMappings"] ??= new JsonArray();
            foreach (var mapping in container["portMappings"]!.AsArray().OfType<JsonObject>())
            {
                mapping["hostPort"] ??= mapping["containerPort"]?.DeepClone();
                mapping["protocol"] ??= "tcp";
            }
        }

        return json;
    }
}
