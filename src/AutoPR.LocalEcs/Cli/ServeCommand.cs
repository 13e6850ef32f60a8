using System.Text.Json;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.State;
using Serilog;
using Serilog.Events;

namespace AutoPR.LocalEcs.Cli;

/// <summary>Runs LocalEcs in the foreground: pid file at start, ready file once listening, both removed on exit.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(LocalEcsOptions options, string logLevel, CancellationToken cancellationToken)
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
                registry = options.Registry,
                stateDirectory = files.Directory,
                startedAt = DateTimeOffset.UtcNow,
            };
            AtomicFile.WriteAllText(files.ReadyFile, JsonSerializer.Serialize(ready));
            logger.Information("LocalEcs listening on {Endpoint} (state {StateDirectory})", ready.endpoint, files.Directory);
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
}
