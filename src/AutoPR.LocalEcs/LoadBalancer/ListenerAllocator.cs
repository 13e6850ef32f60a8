using System.Globalization;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Hosting;

namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>
/// Gives each load-balanced service a listener address: the first gets the configured listener address,
/// later ones the next free ports on the same host. Assignments live in the state so restarts keep them.
/// </summary>
public sealed class ListenerAllocator(LocalEcsOptions options)
{
    public string Allocate(EcsState state, string serviceKey)
    {
        if (state.Listeners.TryGetValue(serviceKey, out var existing))
        {
            return existing;
        }

        var (host, port) = Split(options.ListenerAddress);
        var used = state.Listeners.Values.ToHashSet(StringComparer.Ordinal);
        var address = $"{host}:{port}";
        for (var offset = 1; used.Contains(address); offset++)
        {
            address = $"{host}:{(port + offset).ToString(CultureInfo.InvariantCulture)}";
        }

        state.Listeners[serviceKey] = address;
        return address;
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
}
