using AutoPR.LocalEcs.Metrics;
using Microsoft.Extensions.Logging;

namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>The real load balancer: target groups with health checks, and one listener per load-balanced service.</summary>
public sealed class LocalLoadBalancer(TargetGroups groups, MetricRecorder metrics, ILoggerFactory loggerFactory) : ILoadBalancer, IAsyncDisposable
{
    private readonly SemaphoreSlim _listenersGate = new(1, 1);
    private readonly Dictionary<string, ServiceListener> _listeners = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger<LocalLoadBalancer>();

    public void Register(string targetGroupArn, string taskId, string host, int port, bool knownHealthy = false) => groups.Register(targetGroupArn, taskId, host, port, knownHealthy);

    public void Deregister(string targetGroupArn, string taskId) => groups.Deregister(targetGroupArn, taskId);

    public void Remove(string targetGroupArn, string taskId) => groups.Remove(targetGroupArn, taskId);

    public TargetHealthState Health(string targetGroupArn, string taskId) => groups.Health(targetGroupArn, taskId);

    public int InFlight(string targetGroupArn, string taskId) => groups.InFlight(targetGroupArn, taskId);

    public IReadOnlyDictionary<string, string> ListenerAddresses
    {
        get
        {
            _listenersGate.Wait();
            try
            {
                return _listeners.ToDictionary(l => l.Key, l => l.Value.Address, StringComparer.Ordinal);
            }
            finally
            {
                _listenersGate.Release();
            }
        }
    }

    public async Task SyncListenersAsync(IReadOnlyList<ListenerSpec> listeners, CancellationToken cancellationToken)
    {
        await _listenersGate.WaitAsync(cancellationToken);
        try
        {
            var wanted = listeners.ToDictionary(l => l.ServiceKey, StringComparer.Ordinal);
            foreach (var key in _listeners.Keys.Where(k => !wanted.ContainsKey(k) || wanted[k].Address != _listeners[k].Address).ToList())
            {
                _logger.LogInformation("Closing listener {Address} of {Service}", _listeners[key].Address, key);
                await _listeners[key].DisposeAsync();
                _listeners.Remove(key);
            }

            foreach (var spec in listeners)
            {
                if (_listeners.TryGetValue(spec.ServiceKey, out var existing))
                {
                    if (existing.ProductionTargetGroupArn != spec.ProductionTargetGroupArn)
                    {
                        _logger.LogInformation("Listener {Address} of {Service} now forwards to {TargetGroup}", spec.Address, spec.ServiceKey, spec.ProductionTargetGroupArn);
                        existing.ProductionTargetGroupArn = spec.ProductionTargetGroupArn;
                    }

                    continue;
                }

                try
                {
                    _listeners[spec.ServiceKey] = await ServiceListener.StartAsync(spec.Address, spec.ProductionTargetGroupArn, groups, metrics, loggerFactory, cancellationToken);
                    _logger.LogInformation("Listener http://{Address} of {Service} forwards to {TargetGroup}", spec.Address, spec.ServiceKey, spec.ProductionTargetGroupArn);
                }
                catch (IOException error)
                {
                    _logger.LogError("Listener {Address} of {Service} could not start: {Message}; choose a free --listener-address", spec.Address, spec.ServiceKey, error.Message);
                }
            }
        }
        finally
        {
            _listenersGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners.Values)
        {
            await listener.DisposeAsync();
        }

        _listeners.Clear();
        _listenersGate.Dispose();
    }
}
