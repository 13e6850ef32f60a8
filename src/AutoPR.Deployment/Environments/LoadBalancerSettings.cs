namespace AutoPR.Deployment.Environments;

/// <summary>Where traffic enters: an ALB target group on AWS, a listener URL locally.</summary>
public sealed record LoadBalancerSettings
{
    /// <summary>Target group of the service (blue/green: the production one).</summary>
    public string? TargetGroupArn { get; init; }

    /// <summary>Blue/green: the second target group.</summary>
    public string? AlternateTargetGroupArn { get; init; }

    /// <summary>Blue/green: the listener rule carrying production traffic.</summary>
    public string? ProductionListenerRuleArn { get; init; }

    /// <summary>Blue/green: the listener rule for test traffic.</summary>
    public string? TestListenerRuleArn { get; init; }

    /// <summary>Blue/green: the role ECS uses to shift traffic.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The container that receives traffic.</summary>
    public required string ContainerName { get; init; }

    /// <summary>Its port.</summary>
    public required int ContainerPort { get; init; }

    /// <summary>Local: the listener of the local load balancer.</summary>
    public Uri? ListenerUrl { get; init; }

    /// <summary>Blue/green: where the test listener answers (the new revision, before production traffic); probed too.</summary>
    public Uri? TestListenerUrl { get; init; }
}
