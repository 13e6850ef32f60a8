using System.Net;
using System.Net.Sockets;

namespace AutoPR.Images.Engine;

/// <summary>Tells whether an OCI distribution registry serves plain HTTP at host:port.</summary>
internal static class RegistryProbe
{
    public enum State
    {
        NotListening,
        Serving,
        NotARegistry,
    }

    public static async Task<State> ProbeAsync(string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://{address}/v2/"), cancellationToken);
            // 200 for an open registry, 401 for one that wants credentials: both are registries.
            var answersLikeRegistry = response.Headers.Contains("Docker-Distribution-API-Version")
                || response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized;
            return answersLikeRegistry ? State.Serving : State.NotARegistry;
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException or null)
        {
            return State.NotListening;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return State.NotARegistry;
        }
    }
}
