using AutoPR.Service.Health;

namespace AutoPR.Service.Shutdown;

/// <summary>
/// While draining, answers carry "Connection: close", so keep-alive clients and proxies reconnect
/// (to another task) instead of reusing a connection to a server that is about to stop.
/// </summary>
internal sealed class CloseConnectionsWhileDraining(RequestDelegate next, ReadinessTracker readiness)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (readiness.State == ReadinessState.Draining)
        {
            context.Response.Headers.Connection = "close";
        }

        return next(context);
    }
}
