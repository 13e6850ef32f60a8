using AutoPR.Service.Configuration;
using AutoPR.Service.Hosting;

namespace AutoPR.Service.Tests.Configuration;

public sealed class ListenAddressTests
{
    private static SettingReader Environment(string? bindAddress = null, string? port = null, string? urls = null) =>
        new(name => name switch
        {
            "BIND_ADDRESS" => bindAddress,
            "PORT" => port,
            "ASPNETCORE_URLS" => urls,
            _ => null,
        });

    [Theory]
    [InlineData(null, null, "http://+:8000")]
    [InlineData(null, "9000", "http://+:9000")]
    [InlineData("127.0.3.7", null, "http://127.0.3.7:8000")]
    [InlineData("127.0.3.7", "8123", "http://127.0.3.7:8123")]
    [InlineData("0.0.0.0", "8000", "http://0.0.0.0:8000")]
    [InlineData("::1", "8000", "http://[::1]:8000")]
    [InlineData("[::1]", "8000", "http://[::1]:8000")]
    [InlineData("localhost", "8000", "http://localhost:8000")]
    public void Server_url_comes_from_BIND_ADDRESS_and_PORT_defaulting_to_all_interfaces_on_8000(string? bind, string? port, string expected) =>
        Assert.Equal(expected, ListenAddress.ServerUrl(Environment(bind, port)));

    [Theory]
    [InlineData("not-an-address", null, "BIND_ADDRESS='not-an-address'")]
    [InlineData("127.0.0.1", "0", "PORT='0'")]
    [InlineData("127.0.0.1", "http", "PORT='http'")]
    public void Malformed_address_or_port_fails_naming_the_variable(string bind, string? port, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidSettingException>(() => ListenAddress.ServerUrl(Environment(bind, port))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8000/health")]
    [InlineData(null, "9000", "http://127.0.0.1:9000/health")]
    [InlineData("127.0.5.9", "8000", "http://127.0.5.9:8000/health")]
    [InlineData("0.0.0.0", "8000", "http://127.0.0.1:8000/health")]
    [InlineData("::", "8000", "http://127.0.0.1:8000/health")]
    [InlineData("::1", "8001", "http://[::1]:8001/health")]
    public void Health_probe_targets_the_bind_address_or_loopback_for_wildcards(string? bind, string? port, string expected) =>
        Assert.Equal(new Uri(expected), ListenAddress.HealthUrl(Environment(bind, port)));

    [Theory]
    [InlineData("http://127.0.6.1:9100", "http://127.0.6.1:9100/health")]
    [InlineData("http://+:9100;http://127.0.0.1:9200", "http://127.0.0.1:9100/health")]
    [InlineData("http://*:9100", "http://127.0.0.1:9100/health")]
    [InlineData("http://[::]:9100", "http://127.0.0.1:9100/health")]
    [InlineData("http://[::1]:9100", "http://[::1]:9100/health")]
    public void Health_probe_follows_ASPNETCORE_URLS_when_it_is_set_because_it_wins_the_binding(string urls, string expected) =>
        Assert.Equal(new Uri(expected), ListenAddress.HealthUrl(Environment("127.0.9.9", "1234", urls)));
}
