using System.Text.Json;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.Metrics;
using AutoPR.LocalEcs.State;
using Serilog;
using Serilog.Events;

namespace AutoPR.LocalEcs.Cli;

/// <summary>Runs LocalEcs in the foreground: pid file at start, ready file once listening, both removed on exit.</summary>
public static class ServeCommand
{
    /// <param name="metrics">--metrics: aws or immediate; sets <see cref="LocalEcsOptions.Metrics"/>.</param>
    /// <param name="metricsDelaySeconds">--metrics-delay; sets <see cref="LocalEcsOptions.MetricsDelay"/>.</param>
    public static async Task<int> RunAsync(LocalEcsOptions options, string logLevel, string metrics, double metricsDelaySeconds, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<LogEventLevel>(logLevel, ignoreCase: true, out var level))
        {
            await Console.Error.WriteLineAsync($"--log-level '{logLevel}' is not a level; use Verbose, Debug, Information, Warning or Error.");
            return 2;
        }

        if (options.TimeScale <= 0)
        {
            await Console.Error.WriteLineAsync("--time-scale must be greater than 0 (1 = AWS timings, 0.1 = ten times faster).");
            return 2;
        }

        if (options.TestListenerAddress is { } testListener && !IsHostAndPort(testListener))
        {
            await Console.Error.WriteLineAsync($"--test-listener-address '{testListener}' must be host:port, for example 127.0.0.1:9080.");
            return 2;
        }

        if (ParseMetricsMode(metrics) is not { } mode)
        {
            await Console.Error.WriteLineAsync($"--metrics '{metrics}' is not a mode; use aws (one-minute datapoints answered --metrics-delay seconds after their minute, like CloudWatch) or immediate (every request at once).");
            return 2;
        }

        if (!double.IsFinite(metricsDelaySeconds) || metricsDelaySeconds < 0 || metricsDelaySeconds > TimeSpan.MaxValue.TotalSeconds)
        {
            await Console.Error.WriteLineAsync("--metrics-delay must be 0 or more seconds (60 = like CloudWatch, 0 = as soon as a minute closes).");
            return 2;
        }

        options.Metrics = mode;
        options.MetricsDelay = TimeSpan.FromSeconds(metricsDelaySeconds);
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
            .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        var files = new StateFiles(options.StateDirectory);
        files.EnsureDirectory();
        try
        {
            AtomicFile.WriteAllText(files.PidFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AtomicFile.WriteAllText(files.DockerHostFile, Tasks.DockerClientFactory.ResolveHost(options.DockerHost));
            await using var server = await LocalEcsServer.StartAsync(options, b => b.AddSerilog(logger), cancellationToken);
            var ready = new
            {
                pid = Environment.ProcessId,
                endpoint = server.Endpoint.ToString().TrimEnd('/'),
                listenerAddress = options.ListenerAddress,
                testListenerAddress = LoadBalancer.ListenerAllocator.TestListenerBase(options),
                registry = options.Registry,
                stateDirectory = files.Directory,
                startedAt = DateTimeOffset.UtcNow,
            };
            AtomicFile.WriteAllText(files.ReadyFile, JsonSerializer.Serialize(ready));
            logger.Information("LocalEcs listening on {Endpoint} (state {StateDirectory}; metrics {Metrics}; listeners from {Listener}, test listeners from {TestListener})", ready.endpoint, files.Directory, Describe(options), ready.listenerAddress, ready.testListenerAddress);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                logger.Information("Stopping LocalEcs; containers keep running and are adopted on the next start");
            }

            return 0;
        }
        catch (IOException error)
        {
            logger.Error("LocalEcs could not start: {Message}", error.Message);
            return 1;
        }
        finally
        {
            File.Delete(files.ReadyFile);
            File.Delete(files.PidFile);
            await logger.DisposeAsync();
        }
    }

    private static bool IsHostAndPort(string address)
    {
        try
        {
            return LoadBalancer.ListenerAllocator.Split(address).Port is > 0 and <= 65535;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static MetricsMode? ParseMetricsMode(string value) => value.ToUpperInvariant() switch
    {
        "AWS" => MetricsMode.Aws,
        "IMMEDIATE" => MetricsMode.Immediate,
        _ => null,
    };

    private static string Describe(LocalEcsOptions options) => options.Metrics == MetricsMode.Aws
        ? $"like CloudWatch: one-minute datapoints, each {options.MetricsDelay.TotalSeconds:0.###} s after its minute"
        : "immediate";
}
