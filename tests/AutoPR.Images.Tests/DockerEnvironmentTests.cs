using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AutoPR.Images;
using AutoPR.Images.Engine;

namespace AutoPR.Images.Tests;

/// <summary>DockerEnvironment against the real machine: it finds, or starts, a real engine and registry.</summary>
[Collection(DockerCollection.Name)]
public sealed class DockerEnvironmentTests(DockerFixture docker)
{
    [Fact]
    public async Task Ensure_returns_an_engine_that_answers_with_its_api_version_and_a_serving_registry()
    {
        var endpoints = docker.Endpoints;

        using var client = endpoints.CreateClient();
        var version = await client.System.GetVersionAsync();
        Assert.Equal(endpoints.ApiVersion, Version.Parse(version.APIVersion));
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://{endpoints.RegistryAddress}/v2/"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_missing_registry_is_started_once_for_concurrent_callers_and_reused_afterwards()
    {
        using var state = new TemporaryDirectory();
        var address = $"127.0.0.1:{FreeLoopbackPort()}";
        var options = new DockerEnvironmentOptions
        {
            DockerHost = docker.Endpoints.DockerHost,
            RegistryAddress = address,
            StateDirectory = Path.Combine(state.Path, "state"),
            RunDirectory = Path.Combine(state.Path, "run"),
        };
        try
        {
            var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new DockerEnvironment(options).EnsureAsync()));
            var again = await new DockerEnvironment(options).EnsureAsync();

            Assert.Single(concurrent.SelectMany(endpoints => endpoints.Actions), action => action.Contains("docker-registry", StringComparison.Ordinal));
            Assert.Empty(again.Actions);
            Assert.All(concurrent, endpoints => Assert.Equal(address, endpoints.RegistryAddress));
        }
        finally
        {
            StopByPidFiles(options.RunDirectory, "registry-*.pid");
        }
    }

    [Fact]
    public async Task Without_running_engines_a_private_dockerd_is_started_detached_and_found_again()
    {
        using var state = new TemporaryDirectory();
        var options = new DockerEnvironmentOptions
        {
            UseRunningEngines = false,
            RegistryAddress = null,
            StateDirectory = Path.Combine(state.Path, "state"),
            RunDirectory = Path.Combine(state.Path, "run"),
        };
        try
        {
            var first = await new DockerEnvironment(options).EnsureAsync();
            var second = await new DockerEnvironment(options).EnsureAsync();

            Assert.Equal(options.RunDirectory + "/docker.sock", first.DockerHost.LocalPath);
            Assert.Contains(first.Actions, action => action.StartsWith("started dockerd", StringComparison.Ordinal));
            Assert.Empty(second.Actions);
            using var client = second.CreateClient();
            var info = await client.System.GetSystemInfoAsync();
            Assert.Equal(Path.Combine(options.StateDirectory, "docker"), info.DockerRootDir);
        }
        finally
        {
            StopByPidFiles(options.RunDirectory, "dockerd.pid");
        }
    }

    [Fact]
    public async Task A_port_that_answers_but_is_not_a_registry_fails_in_one_line_naming_it()
    {
        using var state = new TemporaryDirectory();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        using var stop = new CancellationTokenSource();
        var server = AnswerNotFoundAsync(listener, stop.Token);
        var options = new DockerEnvironmentOptions
        {
            DockerHost = docker.Endpoints.DockerHost,
            RegistryAddress = address,
            StateDirectory = Path.Combine(state.Path, "state"),
            RunDirectory = Path.Combine(state.Path, "run"),
        };

        var error = await Assert.ThrowsAsync<DockerEnvironmentException>(() => new DockerEnvironment(options).EnsureAsync());
        await stop.CancelAsync();
        await server;

        Assert.Contains(address, error.Message, StringComparison.Ordinal);
        Assert.Contains("not an OCI registry", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static async Task AnswerNotFoundAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var connection = await listener.AcceptTcpClientAsync(cancellationToken);
                var stream = connection.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer, cancellationToken);
                await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is done.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void StopByPidFiles(string directory, string pattern)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var pidFile in Directory.GetFiles(directory, pattern))
        {
            if (int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
                // SIGTERM, so that dockerd also stops the containerd it started.
                using var kill = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(100);
                }
            }
        }
    }
}
