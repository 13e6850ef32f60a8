using AutoPR.Service.Configuration;
using AutoPR.Service.Logging;

namespace AutoPR.Service.Hosting;

/// <summary>Runs the service until SIGTERM/SIGINT and turns the outcome into the contract's exit code.</summary>
internal static class ServiceRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = ServiceApplication.Create(args);
            // Settings are parsed when first resolved: fail here, before anything starts, with one clear line.
            _ = app.Services.GetRequiredService<ServiceSettings>();
        }
        catch (InvalidSettingException ex)
        {
            using var bootstrap = JsonLogging.CreateBootstrapLogger();
            bootstrap.Fatal("Invalid configuration: {Problem:l}", ex.Message);
            return ExitCodes.InvalidConfiguration;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AutoPR.Service");
        try
        {
            LogStartup(app, logger);
            await app.StartAsync();
            await app.WaitForShutdownAsync();
            logger.LogInformation("Stopped");
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            logger.LogInformation("Stopped before startup finished");
            return ExitCodes.Success;
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "The service failed: {Problem:l}", ex.Message);
            return ExitCodes.Failure;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static void LogStartup(WebApplication app, ILogger logger)
    {
        var settings = app.Services.GetRequiredService<ServiceSettings>();
        var faults = settings.Faults.Describe();
        logger.LogInformation(
            "Starting {Service:l} {Version:l} (revision {Revision:l}, image {ImageTag:l}) in {Environment:l} on {Urls:l}",
            settings.Version.Service, settings.Version.Version, settings.Version.Revision, settings.Version.ImageTag,
            settings.Version.Environment, app.Configuration[WebHostDefaults.ServerUrlsKey]);
        // Host, port and database only: the password stays in the connection string.
        logger.LogInformation("Database: {Database:l}", settings.Database is { } database ? database.Describe() : $"none ({Database.DatabaseUrl.Variable} not set)");
        if (faults.Count > 0)
        {
            logger.LogWarning("Fault injection active: {Faults:l}", string.Join(", ", faults));
        }
    }
}
