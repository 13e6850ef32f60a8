using System.Diagnostics.CodeAnalysis;

namespace AutoPR.Service.Faults;

/// <summary>
/// AUTOPR_FAULT_LATENCY_MS adds a delay to each request and AUTOPR_FAULT_ERROR_RATE answers that fraction
/// of requests with 500, on every endpoint not marked <see cref="FaultExempt"/> (with AUTOPR_FAULT_ROUTES, on those
/// paths only); with AUTOPR_FAULT_AFTER_SECONDS, only from that long after startup (the middleware is made once, as the app starts). Runs after routing.
/// </summary>
internal sealed class RequestFaultMiddleware(
    RequestDelegate next,
    FaultSettings faults,
    TimeProvider time,
    ILogger<RequestFaultMiddleware> logger)
{
    private readonly DateTimeOffset _faultsFrom = time.GetUtcNow() + faults.RequestFaultsAfter;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<FaultExempt>() is not null || time.GetUtcNow() < _faultsFrom || !faults.AppliesTo(context.Request.Path.Value ?? "/"))
        {
            await next(context);
            return;
        }

        if (faults.Latency > TimeSpan.Zero)
        {
            logger.LogDebug("Latency fault: delaying {Method:l} {Path:l} by {LatencyMs} ms",
                context.Request.Method, context.Request.Path.Value, faults.Latency.TotalMilliseconds);
            try
            {
                await Task.Delay(faults.Latency, time, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // the client went away; nobody is left to answer
            }
        }

        if (ShouldFail())
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(
                new ErrorDocument("internal_error", $"fault injected by {FaultSettings.ErrorRateVariable}={faults.ErrorRate}"),
                context.RequestAborted);
            return;
        }

        await next(context);
    }

    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Chooses which requests fail for fault injection; no security meaning.")]
    private bool ShouldFail() => faults.ErrorRate > 0 && Random.Shared.NextDouble() < faults.ErrorRate;

    private sealed record ErrorDocument(string Error, string Reason);
}
