namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>One entry of a service's loadBalancers, with the blue/green alternate target group.</summary>
public sealed record ServiceLoadBalancer
{
    public required string TargetGroupArn { get; init; }

    public string? LoadBalancerName { get; init; }

    public required string ContainerName { get; init; }

    public int ContainerPort { get; init; }

    public string? AlternateTargetGroupArn { get; init; }

    public string? ProductionListenerRule { get; init; }

    public string? TestListenerRule { get; init; }

    public string? RoleArn { get; init; }
}
