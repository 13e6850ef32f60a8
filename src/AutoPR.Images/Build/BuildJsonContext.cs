using System.Text.Json.Serialization;

namespace AutoPR.Images.Build;

/// <summary>Source-generated JSON for the build record and the inputs digest (the library is trimmable).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ImageBuildRecord))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class BuildJsonContext : JsonSerializerContext;
