using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Ecs.Model;

public sealed class ClusterRecord
{
    public required string Name { get; set; }

    public required string Arn { get; set; }

    /// <summary>ACTIVE or INACTIVE.</summary>
    public string Status { get; set; } = "ACTIVE";

    public JsonArray? Settings { get; set; }

    public JsonObject? Configuration { get; set; }
}
