namespace AutoPR.Deployment.Environments;

/// <summary>awsvpc network configuration of the service.</summary>
public sealed record NetworkSettings
{
    /// <summary>Subnet ids.</summary>
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary>Security group ids.</summary>
    public required IReadOnlyList<string> SecurityGroups { get; init; }

    /// <summary>ENABLED or DISABLED.</summary>
    public string AssignPublicIp { get; init; } = "DISABLED";
}
