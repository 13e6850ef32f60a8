using System.Globalization;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Hosting;

namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>
/// Gives each load-balanced service a listener address: the first gets the configured listener address,
/// later ones the next free ports on the same host. Services with a test listener rule get a test listener
/// the same way, from the test listener address. Assignments live in the state so restarts keep them.
/// </summary>
public sealed class ListenerAllocator(LocalEcsOptions options)
{
    public string Allocate(EcsState state, string serviceKey) =>
        Allocate(state.Listeners, state, serviceKey, options.ListenerAddress);

    public string AllocateTest(EcsState state, string serviceKey) =>
        Allocate(state.TestListeners, state, serviceKey, TestListenerBase(options));

    /// <summary>--test-listener-address, else the listener address's host with its port + 1000 (127.0.0.1:8080 gives 127.0.0.1:9080).</summary>
    public static string TestListenerBase(LocalEcsOptions options)
    {
        if (options.TestListenerAddress is { } address)
        {
            return address;
        }

        var (host, port) = Split(options.ListenerAddress);
        return $"{host}:{(port + 1000).ToString(CultureInfo.InvariantCulture)}";
    }

    public static (string Host, int Port) Split(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new ArgumentException($"Listener address '{address}' must be host:port, for example 127.0.0.1:8080.", nameof(address));
        }

        return (address[..colon], port);
    }

    private static string Allocate(Dictionary<string, string> assigned, EcsState state, string serviceKey, string first)
    {
        if (assigned.TryGetValue(serviceKey, out var existing))
        {
            return existing;
        }

        // Neither kind of listener may take the other's port.
        var (host, port) = Split(first);
        var used = state.Listeners.Values.Concat(state.TestListeners.Values).ToHashSet(StringComparer.Ordinal);
        var address = $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";
        for (var offset = 1; used.Contains(address); offset++)
        {
            address = $"{host}:{(port + offset).ToString(CultureInfo.InvariantCulture)}";
        }

        assigned[serviceKey] = address;
        return address;
    }
}
