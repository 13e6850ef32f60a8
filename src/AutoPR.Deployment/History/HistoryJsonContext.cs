using System.Text.Json.Serialization;

namespace AutoPR.Deployment.History;

/// <summary>Source-generated (trim-safe) JSON of the local history mirror: one record per line.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeploymentRecord))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
