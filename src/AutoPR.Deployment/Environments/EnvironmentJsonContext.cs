using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AutoPR.Deployment.Aws.Credentials;

namespace AutoPR.Deployment.Environments;

/// <summary>Source-generated (trim-safe) JSON mapping of the environment files.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(DeploymentEnvironment))]
[JsonSerializable(typeof(EnvironmentHeader))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(AwsCredentialMode))]
internal sealed partial class EnvironmentJsonContext : JsonSerializerContext;
