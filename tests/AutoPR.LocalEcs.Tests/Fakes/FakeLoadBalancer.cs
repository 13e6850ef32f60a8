using AutoPR.LocalEcs.LoadBalancer;

namespace AutoPR.LocalEcs.Tests.Fakes;

/// <summary>Target groups in memory; targets turn healthy at registration unless the test says otherwise.</summary>
public sealed class FakeLoadBalancer : ILoadBalancer
{
    private readonly Dictionary<(string Group, string Task), TargetHealthState> _targets = [];

    public Func<string, TargetHealthState> HealthOnRegistration { get; set; } = _ => TargetHealthState.Healthy;

    public IReadOnlyList<ListenerSpec> Listeners { get; private set; } = [];

    /// <summary>The target group each production listener forwards production traffic to, over time.</summary>
    public List<string> ProductionHistory { get; } = [];

    /// <summary>Green's share of production traffic (percent) on the production listener, each time it changed.</summary>
    public List<double> GreenShareHistory { get; } = [];

    /// <summary>Where the test listener routes, over time.</summary>
    public List<string> TestHistory { get; } = [];

    public void Register(string targetGroupArn, string taskId, string host, int port, bool knownHealthy = false) =>
        _targets[(targetGroupArn, taskId)] = knownHealthy ? TargetHealthState.Healthy : HealthOnRegistration(taskId);

    public void Deregister(string targetGroupArn, string taskId)
    {
        if (_targets.ContainsKey((targetGroupArn, taskId)))
        {
            _targets[(targetGroupArn, taskId)] = TargetHealthState.Draining;
        }
    }

    public void Remove(string targetGroupArn, string taskId) => _targets.Remove((targetGroupArn, taskId));

    public TargetHealthState Health(string targetGroupArn, string taskId) => _targets.GetValueOrDefault((targetGroupArn, taskId), TargetHealthState.Unused);

    /// <summary>Requests every target reports in flight (a draining target with requests waits for the delay).</summary>
    public int InFlightRequests { get; set; }

    public int InFlight(string targetGroupArn, string taskId) => InFlightRequests;

    public Task SyncListenersAsync(IReadOnlyList<ListenerSpec> listeners, CancellationToken cancellationToken)
    {
        Listeners = listeners;
        foreach (var listener in listeners.Where(l => !l.IsTest))
        {
            if (ProductionHistory.Count == 0 || ProductionHistory[^1] != listener.ProductionTargetGroupArn)
            {
                ProductionHistory.Add(listener.ProductionTargetGroupArn);
            }

            var share = listener.Route.IsSplit ? listener.Route.GreenPercent : 0;
            if (GreenShareHistory.Count == 0 || GreenShareHistory[^1] != share)
            {
                GreenShareHistory.Add(share);
            }
        }

        foreach (var listener in listeners.Where(l => l.IsTest))
        {
            if (TestHistory.Count == 0 || TestHistory[^1] != listener.Route.TargetGroupArn)
            {
                TestHistory.Add(listener.Route.TargetGroupArn);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Healthy targets serving production traffic (in the listener's target group).</summary>
    public int HealthyInProduction(string productionTargetGroup) =>
        _targets.Count(t => t.Key.Group == productionTargetGroup && t.Value == TargetHealthState.Healthy);

    /// <summary>Targets still in their initial state pass their health checks (called once per pass by tests).</summary>
    public void PromoteInitial()
    {
        foreach (var key in _targets.Where(t => t.Value == TargetHealthState.Initial).Select(t => t.Key).ToList())
        {
            _targets[key] = TargetHealthState.Healthy;
        }
    }

    public void SetHealth(string taskId, TargetHealthState state)
    {
        foreach (var key in _targets.Keys.Where(k => k.Task == taskId).ToList())
        {
            _targets[key] = state;
        }
    }
}
