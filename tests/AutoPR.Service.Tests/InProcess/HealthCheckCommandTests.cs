using AutoPR.Service.HealthProbe;
using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.InProcess;

/// <summary>The healthcheck command's failure paths; RealProcess tests probe a running service.</summary>
public sealed class HealthCheckCommandTests
{
    [Fact]
    public async Task Nothing_listening_is_unhealthy_with_one_line_naming_the_url()
    {
        var endpoint = FreeLoopbackEndpoint.Allocate();
        using var output = new StringWriter();

        var exitCode = await HealthCheckCommand.RunAsync(
            name => name switch { "BIND_ADDRESS" => endpoint.Address, "PORT" => endpoint.PortText, _ => null },
            output,
            CancellationToken.None);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"unhealthy: http://{endpoint.Address}:{endpoint.Port}/health", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_port_is_unhealthy_and_says_which_variable()
    {
        using var output = new StringWriter();

        var exitCode = await HealthCheckCommand.RunAsync(name => name == "PORT" ? "eighty" : null, output, CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.Contains("PORT='eighty'", output.ToString(), StringComparison.Ordinal);
    }
}
