using AutoPR.Deployment.Aws.Credentials;

namespace AutoPR.Deployment.Environments;

/// <summary>Where an environment lives.</summary>
public sealed record AwsSettings
{
    /// <summary>12-digit account id.</summary>
    public required string AccountId { get; init; }

    /// <summary>Region ("eu-west-1").</summary>
    public required string Region { get; init; }

    /// <summary>Where credentials come from.</summary>
    public AwsCredentialMode Credentials { get; init; } = AwsCredentialMode.Default;

    /// <summary>Endpoint overrides by service id (ecs, ecr, cloudwatch, ssm); they win over AWS_ENDPOINT_URL*.</summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; init; } = new Dictionary<string, Uri>();
}
