using AutoPR.Service.Configuration;
using AutoPR.Service.Health;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.AspNetCore;

namespace AutoPR.Service.Logging;

/// <summary>
/// Structured logs: one compact JSON object per line on stdout (CLEF: @t, @m, @l, properties), which
/// the awslogs driver ships as-is. Every event carries the service, version, revision and environment.
/// </summary>
internal static class JsonLogging
{
    public static LoggerConfiguration Configure(LoggerConfiguration logger, LoggingSettings settings, VersionInfo version)
    {
        var level = settings.MinimumLevel;
        // ASP.NET Core's own Information events repeat what request logging says in one line; Verbose shows them all.
        var frameworkLevel = level == LogEventLevel.Verbose ? level : (LogEventLevel)Math.Max((int)level, (int)LogEventLevel.Warning);
        return logger
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft.AspNetCore", frameworkLevel)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", version.Service)
            .Enrich.WithProperty("Version", version.Version)
            .Enrich.WithProperty("Revision", version.Revision)
            .Enrich.WithProperty("Environment", version.Environment)
            .WriteTo.Console(new RenderedCompactJsonFormatter());
    }

    /// <summary>For failures before the host exists (bad settings): same format, same stream.</summary>
    public static Serilog.Core.Logger CreateBootstrapLogger() => new LoggerConfiguration()
        .MinimumLevel.Information()
        .Enrich.WithProperty("Service", VersionInfo.ServiceName)
        .WriteTo.Console(new RenderedCompactJsonFormatter())
        .CreateLogger();

    /// <summary>One event per request; health probes at Debug so a load balancer's polling does not drown the log.</summary>
    public static void ConfigureRequestLogging(RequestLoggingOptions options, Serilog.ILogger logger)
    {
        // The static Log stays silent (the host's logger is not made global), so hand the middleware the host's logger.
        options.Logger = logger;
        options.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
            : context.Request.Path.StartsWithSegments(HealthEndpoints.LivenessPath, StringComparison.OrdinalIgnoreCase) ? LogEventLevel.Debug
            : LogEventLevel.Information;
    }
}
