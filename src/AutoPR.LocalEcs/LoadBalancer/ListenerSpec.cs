namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>A listener that should exist: whose it is (its production or test listener), where it listens and how it routes.</summary>
public sealed record ListenerSpec(string ServiceKey, string Address, ListenerRoute Route, bool IsTest = false)
{
    /// <summary>Names the listener among all of them: the service key, with " (test)" for a test listener.</summary>
    public string Name => IsTest ? ServiceKey + " (test)" : ServiceKey;

    /// <summary>The target group that gets the requests green does not get.</summary>
    public string ProductionTargetGroupArn => Route.TargetGroupArn;
}
