using System.Net.Http.Json;
using AutoPR.LocalEcs.Tasks;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>
/// What the container tests need: a Docker engine (API 1.41+), the OCI registry at 127.0.0.1:5000 and the
/// AutoPR.Service image. Missing pieces fail the test with a message that says what to start.
/// </summary>
public static class DockerPrerequisites
{
    public const string Registry = "127.0.0.1:5000";

    public static string DockerHost =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host
        : File.Exists("/run/autopr/docker.sock") ? "unix:///run/autopr/docker.sock"
        : "unix:///var/run/docker.sock";

    public static async Task EnsureAsync()
    {
        using var docker = DockerClientFactory.Create(DockerHost);
        try
        {
            await docker.System.PingAsync();
        }
        catch (Exception error)
        {
            throw new InvalidOperationException($"No Docker engine at {DockerHost} ({error.Message}). Start one (the lead's dev engine: unix:///run/autopr/docker.sock, or set DOCKER_HOST); CI starts it in .ci/run.", error);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await http.GetFromJsonAsync<object>($"http://{Registry}/v2/_catalog");
        }
        catch (Exception error)
        {
            throw new InvalidOperationException($"No OCI registry at {Registry} ({error.Message}). Start docker-registry (distribution 2.8) listening on {Registry} with storage delete enabled.", error);
        }
    }
}
