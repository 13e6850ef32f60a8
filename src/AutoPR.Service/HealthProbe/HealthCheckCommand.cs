using AutoPR.Service.Configuration;
using AutoPR.Service.Hosting;

namespace AutoPR.Service.HealthProbe;

/// <summary>
/// `AutoPR.Service healthcheck`: the container's HEALTHCHECK without curl. Probes this service's own
/// /health and exits 0 when it answers 2xx, 1 otherwise, within a few seconds. Prints one line (Docker
/// keeps it in the health log) and starts no host, so there is no logging noise.
/// </summary>
internal static class HealthCheckCommand
{
    public const string Name = "healthcheck";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(Func<string, string?> environment, TextWriter output, CancellationToken cancellationToken)
    {
        Uri url;
        try
        {
            url = ListenAddress.HealthUrl(new SettingReader(environment));
        }
        catch (InvalidSettingException ex)
        {
            await output.WriteLineAsync($"unhealthy: {ex.Message}");
            return ExitCodes.Failure;
        }

        // A self-probe must never go through a proxy that the environment may configure.
        using var handler = new SocketsHttpHandler { UseProxy = false, ConnectTimeout = Timeout };
        using var client = new HttpClient(handler) { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var healthy = response.IsSuccessStatusCode;
            await output.WriteLineAsync($"{(healthy ? "healthy" : "unhealthy")}: {url} answered {(int)response.StatusCode} {response.StatusCode}");
            return healthy ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            var reason = ex is TaskCanceledException ? $"no answer within {Timeout.TotalSeconds} s" : ex.Message;
            await output.WriteLineAsync($"unhealthy: {url}: {reason}");
            return ExitCodes.Failure;
        }
    }
}
