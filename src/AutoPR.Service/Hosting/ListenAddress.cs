using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AutoPR.Service.Configuration;

namespace AutoPR.Service.Hosting;

/// <summary>
/// Where the service listens and where its own health check probes it. BIND_ADDRESS gives each LocalEcs
/// task its own loopback address (awsvpc emulation with host networking); ASPNETCORE_URLS, when set, wins.
/// </summary>
internal static class ListenAddress
{
    public const string BindAddressVariable = "BIND_ADDRESS";
    public const string PortVariable = "PORT";
    public const string AspNetCoreUrlsVariable = "ASPNETCORE_URLS";
    public const int DefaultPort = 8000;

    private const string AllInterfaces = "+";
    private const string Loopback = "127.0.0.1";

    /// <summary>The URL Kestrel binds when ASPNETCORE_URLS is not set: all interfaces on port 8000 unless told otherwise.</summary>
    public static string ServerUrl(SettingReader settings) =>
        $"http://{FormatHost(BindHost(settings) ?? AllInterfaces)}:{Port(settings).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The /health URL of this service as the container's own health check reaches it.</summary>
    public static Uri HealthUrl(SettingReader settings)
    {
        if (settings.GetString(AspNetCoreUrlsVariable) is { } urls)
        {
            var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(first);
            }
            catch (FormatException)
            {
                throw SettingReader.Invalid(AspNetCoreUrlsVariable, urls, "URLs like http://127.0.0.1:8000");
            }

            return Probe(binding.Scheme, binding.Host.Trim('[', ']'), binding.Port);
        }

        return Probe(Uri.UriSchemeHttp, BindHost(settings), Port(settings));
    }

    private static Uri Probe(string scheme, string? host, int port)
    {
        var target = host is null || IsWildcard(host) ? Loopback : host;
        return new Uri($"{scheme}://{FormatHost(target)}:{port.ToString(CultureInfo.InvariantCulture)}/health");
    }

    private static int Port(SettingReader settings) => settings.GetInteger(PortVariable, DefaultPort, 1, 65_535, "8000");

    /// <summary>The configured address without IPv6 brackets, or null for "all interfaces".</summary>
    private static string? BindHost(SettingReader settings)
    {
        if (settings.GetString(BindAddressVariable) is not { } raw)
        {
            return null;
        }

        var host = raw.Trim('[', ']');
        if (host is "+" or "*" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host, out _))
        {
            return host;
        }

        throw SettingReader.Invalid(BindAddressVariable, raw, "an IP address such as 127.0.0.1 (unset it to listen on all interfaces)");
    }

    private static bool IsWildcard(string host) =>
        host is "+" or "*" || (IPAddress.TryParse(host, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)));

    private static string FormatHost(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
}
