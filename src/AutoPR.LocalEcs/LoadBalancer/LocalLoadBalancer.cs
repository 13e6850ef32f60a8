using AutoPR.LocalEcs.Metrics;
using Microsoft.Extensions.Logging;

namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>The real load balancer: target groups with health checks, and one listener per load-balanced service (two with a test listener rule).</summary>
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

    /// <summary>Addresses of the listeners that run, by name: the service key, or the service key and " (test)" for its test listener.</summary>
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
            var wanted = listeners.ToDictionary(l => l.Name, StringComparer.Ordinal);
            foreach (var name in _listeners.Keys.Where(k => !wanted.ContainsKey(k) || wanted[k].Address != _listeners[k].Address).ToList())
            {
                _logger.LogInformation("Closing listener {Address} of {Service}", _listeners[name].Address, name);
                await _listeners[name].DisposeAsync();
                _listeners.Remove(name);
            }

            foreach (var spec in listeners)
            {
                if (_listeners.TryGetValue(spec.Name, out var existing))
                {
                    if (existing.Route != spec.Route)
                    {
                        _logger.LogInformation("{Kind} {Address} of {Service} now forwards {Route}", Kind(spec), spec.Address, spec.ServiceKey, spec.Route);
                        existing.Route = spec.Route;
                    }

                    continue;
                }

                try
                {
                    _listeners[spec.Name] = await ServiceListener.StartAsync(spec.Address, spec.Route, groups, metrics, loggerFactory, cancellationToken);
                    _logger.LogInformation("{Kind} http://{Address} of {Service} forwards {Route}", Kind(spec), spec.Address, spec.ServiceKey, spec.Route);
                }
                catch (IOException error)
                {
                    _logger.LogError("{Kind} {Address} of {Service} could not start: {Message}; choose a free {Option}", Kind(spec), spec.Address, spec.ServiceKey, error.Message, spec.IsTest ? "--test-listener-address" : "--listener-address");
                }
            }
        }
        finally
        {
            _listenersGate.Release();
        }
    }

    private static string Kind(ListenerSpec spec) => spec.IsTest ? "Test listener" : "Listener";

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
