using System.Net;
using System.Text.Json;
using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.RealProcess;

/// <summary>Startup, crash faults, configuration errors and log output of the real binary.</summary>
public sealed class StartupProcessTests
{
    [Fact]
    public async Task Crash_on_start_zero_exits_3_before_listening()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();

        await using var service = await ServiceProcess.RunAsync(new Dictionary<string, string>
        {
            ["BIND_ADDRESS"] = endpoint.Address,
            ["PORT"] = endpoint.PortText,
            ["AUTOPR_FAULT_CRASH_ON_START"] = "0",
        });

        Assert.Equal(3, await service.WaitForExitAsync());
        Assert.Contains(service.Lines, line => line.Contains("Crash fault: exiting with code 3", StringComparison.Ordinal));
        Assert.DoesNotContain(service.Lines, line => line.Contains("Now listening", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Crash_on_start_after_seconds_serves_first_then_exits_3()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();

        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["BIND_ADDRESS"] = endpoint.Address,
            ["PORT"] = endpoint.PortText,
            ["AUTOPR_FAULT_CRASH_ON_START"] = "2",
        });

        Assert.Equal(3, await service.WaitForExitAsync());
        var lines = service.Lines.ToList();
        var listening = lines.FindIndex(line => line.Contains("Now listening", StringComparison.Ordinal));
        var crash = lines.FindIndex(line => line.Contains("Crash fault: exiting with code 3 after 2 s", StringComparison.Ordinal));
        Assert.True(listening >= 0 && crash > listening, $"expected it to listen, then crash:\n{service.Output}");
    }

    [Theory]
    [InlineData("AUTOPR_FAULT_ERROR_RATE", "lots")]
    [InlineData("AUTOPR_FAULT_LATENCY_MS", "slow")]
    [InlineData("AUTOPR_FAULT_UNHEALTHY", "maybe")]
    [InlineData("AUTOPR_FAULT_CRASH_ON_START", "soon")]
    [InlineData("AUTOPR_FAULT_START_DELAY_SECONDS", "-5")]
    [InlineData("LOG_LEVEL", "Loud")]
    [InlineData("SHUTDOWN_DRAIN_SECONDS", "-1")]
    [InlineData("PORT", "99999")]
    [InlineData("BIND_ADDRESS", "anywhere")]
    public async Task A_malformed_variable_exits_2_with_one_fatal_json_line_naming_it(string name, string value)
    {
        var environment = new Dictionary<string, string> { ["BIND_ADDRESS"] = "127.0.0.1", ["PORT"] = "1", [name] = value };

        await using var service = await ServiceProcess.RunAsync(environment);

        Assert.Equal(2, await service.WaitForExitAsync());
        var line = Assert.Single(service.Lines);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("Fatal", json.RootElement.GetProperty("@l").GetString());
        Assert.Contains($"{name}='{value}' is not valid", json.RootElement.GetProperty("@m").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_exits_1_saying_so()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        var environment = new Dictionary<string, string> { ["BIND_ADDRESS"] = endpoint.Address, ["PORT"] = endpoint.PortText };
        await using var first = ServiceProcess.Start(environment);
        using var client = LoopbackHttp.CreateClient();
        await first.WaitForStatusAsync(client, new Uri(endpoint.BaseUri, "/health"), HttpStatusCode.OK);

        await using var second = await ServiceProcess.RunAsync(environment);

        Assert.Equal(1, await second.WaitForExitAsync());
        Assert.Contains(second.Lines, line => line.Contains("address already in use", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PORT_wins_over_the_ASPNETCORE_HTTP_PORTS_that_official_dotnet_images_set()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["BIND_ADDRESS"] = endpoint.Address,
            ["PORT"] = endpoint.PortText,
            ["ASPNETCORE_HTTP_PORTS"] = FreeLoopbackEndpoint.Allocate().PortText,
        });
        using var client = LoopbackHttp.CreateClient();

        await service.WaitForStatusAsync(client, new Uri(endpoint.BaseUri, "/health"), HttpStatusCode.OK);

        var listening = Assert.Single(service.Lines, line => line.Contains("Now listening", StringComparison.Ordinal));
        Assert.Contains($"http://{endpoint.Address}:{endpoint.Port}", listening, StringComparison.Ordinal);
        Assert.DoesNotContain(service.Lines, line => line.Contains("Overriding", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Start_delay_holds_the_listener_back_then_the_service_becomes_healthy()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["BIND_ADDRESS"] = endpoint.Address,
            ["PORT"] = endpoint.PortText,
            ["AUTOPR_FAULT_START_DELAY_SECONDS"] = "1",
        });
        using var client = LoopbackHttp.CreateClient();

        await service.WaitForStatusAsync(client, new Uri(endpoint.BaseUri, "/health"), HttpStatusCode.OK);

        var lines = service.Lines.ToList();
        var delay = lines.FindIndex(line => line.Contains("Start delay fault: waiting 1 s", StringComparison.Ordinal));
        var listening = lines.FindIndex(line => line.Contains("Now listening", StringComparison.Ordinal));
        Assert.True(delay >= 0 && listening > delay, $"expected the delay before listening:\n{service.Output}");
    }

    [Fact]
    public async Task Logs_are_one_json_object_per_line_carrying_the_environment_and_revision()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["BIND_ADDRESS"] = endpoint.Address,
            ["PORT"] = endpoint.PortText,
            ["ENVIRONMENT"] = "staging",
            ["AUTOPR_REVISION"] = "0a1b2c3",
            ["SHUTDOWN_DRAIN_SECONDS"] = "0",
        });
        using var client = LoopbackHttp.CreateClient();
        await service.WaitForStatusAsync(client, new Uri(endpoint.BaseUri, "/health"), HttpStatusCode.OK);
        using (var work = await client.GetAsync(new Uri(endpoint.BaseUri, "/")))
        {
            Assert.Equal(HttpStatusCode.OK, work.StatusCode);
        }

        service.SendSigterm();
        Assert.Equal(0, await service.WaitForExitAsync());

        var events = ParseEvents(service);
        Assert.All(events, e =>
        {
            Assert.True(e.TryGetProperty("@t", out _), "every event has a timestamp");
            Assert.True(e.TryGetProperty("@m", out _), "every event has a rendered message");
            Assert.Equal("staging", e.GetProperty("Environment").GetString());
            Assert.Equal("0a1b2c3", e.GetProperty("Revision").GetString());
        });
        Assert.Contains(events, e => e.TryGetProperty("RequestPath", out var path) && path.GetString() == "/"
            && e.GetProperty("StatusCode").GetInt32() == 200);
    }

    [Fact]
    public async Task LOG_LEVEL_Warning_leaves_out_information_events()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["BIND_ADDRESS"] = endpoint.Address,
            ["PORT"] = endpoint.PortText,
            ["LOG_LEVEL"] = "Warning",
            ["AUTOPR_FAULT_ERROR_RATE"] = "1",
            ["SHUTDOWN_DRAIN_SECONDS"] = "0",
        });
        using var client = LoopbackHttp.CreateClient();
        await service.WaitForStatusAsync(client, new Uri(endpoint.BaseUri, "/health"), HttpStatusCode.OK);
        using (var failing = await client.GetAsync(new Uri(endpoint.BaseUri, "/")))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
        }

        service.SendSigterm();
        Assert.Equal(0, await service.WaitForExitAsync());

        // Compact JSON omits @l for Information; every remaining event must carry a higher level.
        var levels = ParseEvents(service).Select(e => e.TryGetProperty("@l", out var level) ? level.GetString() : "Information").ToList();
        Assert.DoesNotContain("Information", levels);
        Assert.DoesNotContain("Debug", levels);
        Assert.Contains("Warning", levels); // the active-fault notice
        Assert.Contains("Error", levels); // the injected 500
    }

    private static List<JsonElement> ParseEvents(ServiceProcess service)
    {
        var events = new List<JsonElement>();
        foreach (var line in service.Lines)
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
                events.Add(document.RootElement.Clone());
            }
            catch (JsonException ex)
            {
                Assert.Fail($"a log line is not JSON ({ex.Message}): {line}");
            }
        }

        Assert.NotEmpty(events);
        return events;
    }
}
