using System.Net;
using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.RealProcess;

/// <summary>The zero-downtime stop, against the real binary and a real SIGTERM.</summary>
public sealed class GracefulShutdownProcessTests
{
    [Fact]
    public async Task Sigterm_turns_readiness_503_keeps_serving_finishes_the_in_flight_request_and_exits_0()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["BIND_ADDRESS"] = endpoint.Address,
            ["PORT"] = endpoint.PortText,
            // The request outlives the drain, so the server must wait for it after it stops listening.
            ["AUTOPR_FAULT_LATENCY_MS"] = "5000",
            ["SHUTDOWN_DRAIN_SECONDS"] = "4",
            ["LOG_LEVEL"] = "Debug",
        });
        using var client = LoopbackHttp.CreateClient();
        var readiness = new Uri(endpoint.BaseUri, "/health/ready");
        await service.WaitForStatusAsync(client, new Uri(endpoint.BaseUri, "/health"), HttpStatusCode.OK);
        await service.WaitForStatusAsync(client, readiness, HttpStatusCode.OK);

        var inFlight = client.GetAsync(new Uri(endpoint.BaseUri, "/"));
        await service.WaitForOutputAsync("Latency fault: delaying GET /");
        service.SendSigterm();

        await service.WaitForStatusAsync(client, readiness, HttpStatusCode.ServiceUnavailable);
        using (var duringDrain = await client.GetAsync(new Uri(endpoint.BaseUri, "/version")))
        {
            Assert.Equal(HttpStatusCode.OK, duringDrain.StatusCode);
        }

        using var response = await inFlight;
        var body = await JsonAssert.StatusAndBodyAsync(response, HttpStatusCode.OK);
        Assert.Equal("autopr", JsonAssert.String(body, "service"));
        Assert.Equal(0, await service.WaitForExitAsync());

        var lines = service.Lines.ToList();
        var draining = lines.FindIndex(line => line.Contains("Draining for 4 s", StringComparison.Ordinal));
        var stopped = lines.FindLastIndex(line => line.Contains("\"@m\":\"Stopped\"", StringComparison.Ordinal));
        Assert.True(draining >= 0 && stopped > draining, $"expected the drain, then the stop, in the log:\n{service.Output}");
    }

    [Fact]
    public async Task Sigterm_with_nothing_in_flight_exits_0_after_the_drain()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["BIND_ADDRESS"] = endpoint.Address,
            ["PORT"] = endpoint.PortText,
            ["SHUTDOWN_DRAIN_SECONDS"] = "1",
        });
        using var client = LoopbackHttp.CreateClient();
        await service.WaitForStatusAsync(client, new Uri(endpoint.BaseUri, "/health/ready"), HttpStatusCode.OK);

        service.SendSigterm();

        Assert.Equal(0, await service.WaitForExitAsync());
        Assert.Contains(service.Lines, line => line.Contains("Drain finished", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sigterm_during_a_start_delay_exits_0_without_ever_listening()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["BIND_ADDRESS"] = endpoint.Address,
            ["PORT"] = endpoint.PortText,
            ["AUTOPR_FAULT_START_DELAY_SECONDS"] = "600",
        });
        await service.WaitForOutputAsync("Start delay fault");

        service.SendSigterm();

        Assert.Equal(0, await service.WaitForExitAsync());
        Assert.DoesNotContain(service.Lines, line => line.Contains("Now listening", StringComparison.Ordinal));
    }
}
