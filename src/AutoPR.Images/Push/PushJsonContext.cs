using System.Text.Json.Serialization;

namespace AutoPR.Images.Push;

/// <summary>Source-generated JSON for the push record (the library is trimmable).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ImagePushRecord))]
internal sealed partial class PushJsonContext : JsonSerializerContext;
