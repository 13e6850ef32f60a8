namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>Target health as Elastic Load Balancing reports it.</summary>
public enum TargetHealthState
{
    /// <summary>Not registered.</summary>
    Unused,

    /// <summary>Registered, health checks not yet passed.</summary>
    Initial,

    Healthy,

    Unhealthy,

    /// <summary>Deregistered; finishes in-flight requests, gets no new ones.</summary>
    Draining,
}
