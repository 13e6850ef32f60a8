namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>The load balancer as the reconciler drives it: targets in target groups, and listeners.</summary>
public interface ILoadBalancer
{
    /// <param name="knownHealthy">The target passed its checks before a LocalEcs restart: route to it at once.</param>
    void Register(string targetGroupArn, string taskId, string host, int port, bool knownHealthy = false);

    /// <summary>Stops routing new requests to the target; it drains in-flight ones.</summary>
    void Deregister(string targetGroupArn, string taskId);

    /// <summary>Forgets the target after draining.</summary>
    void Remove(string targetGroupArn, string taskId);

    TargetHealthState Health(string targetGroupArn, string taskId);

    int InFlight(string targetGroupArn, string taskId);

    Task SyncListenersAsync(IReadOnlyList<ListenerSpec> listeners, CancellationToken cancellationToken);
}
