using System.Net;
using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.RealProcess;

/// <summary>`AutoPR.Service healthcheck`, the container HEALTHCHECK, run as the real binary.</summary>
public sealed class HealthCheckCommandProcessTests
{
    [Fact]
    public async Task Exits_0_with_one_quiet_line_when_the_service_is_healthy()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        var environment = new Dictionary<string, string> { ["BIND_ADDRESS"] = endpoint.Address, ["PORT"] = endpoint.PortText };
        await using var service = ServiceProcess.Start(environment);
        using var client = LoopbackHttp.CreateClient();
        await service.WaitForStatusAsync(client, new Uri(endpoint.BaseUri, "/health"), HttpStatusCode.OK);

        await using var check = await ServiceProcess.RunAsync(environment, "healthcheck");

        Assert.Equal(0, await check.WaitForExitAsync());
        var line = Assert.Single(check.Lines);
        Assert.Equal($"healthy: http://{endpoint.Address}:{endpoint.Port}/health answered 200 OK", line);
    }

    [Fact]
    public async Task Exits_1_when_the_service_reports_unhealthy()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        var environment = new Dictionary<string, string> { ["BIND_ADDRESS"] = endpoint.Address, ["PORT"] = endpoint.PortText };
        await using var service = ServiceProcess.Start(new Dictionary<string, string>(environment) { ["AUTOPR_FAULT_UNHEALTHY"] = "true" });
        using var client = LoopbackHttp.CreateClient();
        await service.WaitForStatusAsync(client, new Uri(endpoint.BaseUri, "/health"), HttpStatusCode.ServiceUnavailable);

        await using var check = await ServiceProcess.RunAsync(environment, "healthcheck");

        Assert.Equal(1, await check.WaitForExitAsync());
        Assert.StartsWith("unhealthy:", Assert.Single(check.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_1_when_nothing_listens()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();

        await using var check = await ServiceProcess.RunAsync(
            new Dictionary<string, string> { ["BIND_ADDRESS"] = endpoint.Address, ["PORT"] = endpoint.PortText }, "healthcheck");

        Assert.Equal(1, await check.WaitForExitAsync());
        Assert.StartsWith($"unhealthy: http://{endpoint.Address}:{endpoint.Port}/health", Assert.Single(check.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASPNETCORE_URLS_wins_over_BIND_ADDRESS_and_PORT_for_the_server_and_the_probe()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        var decoy = FreeLoopbackEndpoint.Allocate();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = endpoint.BaseUri.ToString().TrimEnd('/'),
            ["BIND_ADDRESS"] = decoy.Address,
            ["PORT"] = decoy.PortText,
        };
        await using var service = ServiceProcess.Start(environment);
        using var client = LoopbackHttp.CreateClient();
        await service.WaitForStatusAsync(client, new Uri(endpoint.BaseUri, "/health"), HttpStatusCode.OK);

        await using var check = await ServiceProcess.RunAsync(environment, "healthcheck");

        Assert.Equal(0, await check.WaitForExitAsync());
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(decoy.BaseUri, "/health")));
    }
}
