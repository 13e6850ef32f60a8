namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>A listener that should exist: where it listens and which target group gets production traffic.</summary>
public sealed record ListenerSpec(string ServiceKey, string Address, string ProductionTargetGroupArn);
