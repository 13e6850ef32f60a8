using AutoPR.Service.Endpoints;
using AutoPR.Service.Faults;
using AutoPR.Service.Health;
using AutoPR.Service.Logging;
using AutoPR.Service.Revision;
using AutoPR.Service.Shutdown;
using Serilog;

namespace AutoPR.Service.Hosting;

/// <summary>Middleware order: revision header (on every answer), request log (sees faults' latency and 500s), drain header, routing, faults, endpoints.</summary>
internal static class RequestPipeline
{
    public static WebApplication UseAutoPRService(this WebApplication app)
    {
        app.UseMiddleware<RevisionHeader>();
        app.UseSerilogRequestLogging(options => JsonLogging.ConfigureRequestLogging(options, app.Services.GetRequiredService<Serilog.ILogger>()));
        app.UseMiddleware<CloseConnectionsWhileDraining>();
        app.UseRouting();
        app.UseMiddleware<RequestFaultMiddleware>();

        app.MapHealthEndpoints();
        app.MapVersionEndpoint();
        app.MapWorkEndpoint();
        app.MapInstanceEndpoint();
        app.MapPullRequestEndpoints();
        return app;
    }
}
