using System.Globalization;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Hosting;

namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>
/// Gives each load-balanced service a listener address: the one its tag localecs:listener asks for, else the
/// configured listener address for the first and the next free ports on the same host for later ones. Services with a test listener rule get a test listener
/// the same way, from the test listener address. Assignments live in the state so restarts keep them.
/// </summary>
public sealed class ListenerAllocator(LocalEcsOptions options)
{
    /// <summary>The tag a service asks for its listener address with (host:port), instead of the next free one.</summary>
    public const string ListenerTag = "localecs:listener";

    /// <summary>The tag a service asks for its test listener address with (host:port).</summary>
    public const string TestListenerTag = "localecs:test-listener";

    public string Allocate(EcsState state, string serviceKey, IReadOnlyDictionary<string, string>? tags = null) =>
        Allocate(state.Listeners, state, serviceKey, options.ListenerAddress, Requested(tags, ListenerTag));

    public string AllocateTest(EcsState state, string serviceKey, IReadOnlyDictionary<string, string>? tags = null) =>
        Allocate(state.TestListeners, state, serviceKey, TestListenerBase(options), Requested(tags, TestListenerTag));

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
        if (colon <= 0 || address.Contains('/', StringComparison.Ordinal) || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new ArgumentException($"Listener address '{address}' must be host:port, for example 127.0.0.1:8080.", nameof(address));
        }

        return (address[..colon], port);
    }

    private static (string Tag, string Address)? Requested(IReadOnlyDictionary<string, string>? tags, string tag) =>
        tags is not null && tags.TryGetValue(tag, out var address) ? (tag, address) : null;

    private static string Allocate(Dictionary<string, string> assigned, EcsState state, string serviceKey, string first, (string Tag, string Address)? requested)
    {
        if (assigned.TryGetValue(serviceKey, out var existing) && (requested is null || requested.Value.Address == existing))
        {
            return existing;
        }

        // Neither kind of listener may take the other's port; a deleted (INACTIVE) service's listeners are free again.
        var owners = state.Listeners.Concat(state.TestListeners)
            .Where(l => l.Key != serviceKey && state.Services.TryGetValue(l.Key, out var owner) && owner.Status != "INACTIVE")
            .ToList();
        if (requested is var (tag, wanted))
        {
            try
            {
                Split(wanted);
            }
            catch (ArgumentException)
            {
                throw new AwsServiceException("InvalidParameterException", $"The tag {tag} must be host:port, for example 127.0.0.1:8081; it is '{wanted}'.");
            }

            if (owners.FirstOrDefault(l => l.Value == wanted) is { Key: { } other })
            {
                throw new AwsServiceException("InvalidParameterException", $"{wanted} (tag {tag}) is already a listener of service {other}; ask for another port.");
            }

            assigned[serviceKey] = wanted;
            return wanted;
        }

        var (host, port) = Split(first);
        var used = owners.Select(l => l.Value).ToHashSet(StringComparer.Ordinal);
        var address = $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";
        for (var offset = 1; used.Contains(address); offset++)
        {
            address = $"{host}:{(port + offset).ToString(CultureInfo.InvariantCulture)}";
        }

        assigned[serviceKey] = address;
        return address;
    }
}
