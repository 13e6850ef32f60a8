using System.Text.Json.Serialization;
using AutoPR.Service.Configuration;
using AutoPR.Service.Database;
using AutoPR.Service.Faults;
using AutoPR.Service.Health;
using AutoPR.Service.Logging;
using AutoPR.Service.Revision;
using AutoPR.Service.Shutdown;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;

namespace AutoPR.Service.Hosting;

/// <summary>The service's components. Settings are read when first resolved, so test hosts can override them.</summary>
internal static class ServiceRegistration
{
    public static IServiceCollection AddAutoPRService(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IProcessTerminator, EnvironmentExitTerminator>();

        services.AddSingleton(provider => ServiceSettings.Read(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton(provider => provider.GetRequiredService<ServiceSettings>().Version);
        services.AddSingleton(provider => provider.GetRequiredService<ServiceSettings>().Logging);
        services.AddSingleton(provider => provider.GetRequiredService<ServiceSettings>().Shutdown);
        services.AddSingleton(provider => provider.GetRequiredService<ServiceSettings>().Faults);
        services.AddSingleton(provider => ServiceInstance.Create(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ReadinessTracker>();
        services.AddSingleton(provider => new ServiceDatabase(provider.GetRequiredService<ServiceSettings>().Database));
        services.AddSingleton<DatabaseReadiness>();
        services.AddSingleton<PullRequestStore>();
        services.AddSingleton<RevisionStamp>();
        services.AddHttpClient(TaskMetadataReader.ClientName, client => client.Timeout = TimeSpan.FromSeconds(2))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });

        // Lifecycle hooks run in registration order: the crash fault fires before the start delay begins.
        services.AddHostedService<CrashOnStartFault>();
        services.AddHostedService<StartDelayFault>();
        services.AddHostedService<TaskMetadataReader>();
        services.AddHostedService<GracefulDrain>();
        services.AddOptions<HostOptions>()
            .Configure<ShutdownSettings>((options, shutdown) => options.ShutdownTimeout = shutdown.Timeout);

        services.AddSerilog(
            (provider, logger) => JsonLogging.Configure(logger, provider.GetRequiredService<LoggingSettings>(), provider.GetRequiredService<VersionInfo>()),
            preserveStaticLogger: true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        return services;
    }
}
