using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Ecs.Model;

public sealed class TaskDefinitionRecord
{
    public required string Arn { get; set; }

    public required string Family { get; set; }

    public int Revision { get; set; }

    /// <summary>ACTIVE or INACTIVE.</summary>
    public string Status { get; set; } = "ACTIVE";

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset? DeregisteredAt { get; set; }

    /// <summary>The registered definition as sent (without tags), echoed back so clients see no false diffs.</summary>
    public JsonObject Definition { get; set; } = [];
}
