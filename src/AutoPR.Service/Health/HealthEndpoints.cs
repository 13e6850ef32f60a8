using AutoPR.Service.Database;
using AutoPR.Service.Faults;

namespace AutoPR.Service.Health;

/// <summary>
/// GET /health (liveness: is the process fine?) and GET /health/ready (readiness: should it get traffic?).
/// Liveness stays 200 while draining, so an orchestrator does not kill a task that is stopping cleanly, and it
/// never asks the database: a database outage must not get every task restarted. Readiness does (when
/// DATABASE_URL is set): unreachable, or a schema older than this release needs, means no traffic.
/// </summary>
internal static class HealthEndpoints
{
    public const string LivenessPath = "/health";
    public const string ReadinessPath = "/health/ready";

    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LivenessPath, (FaultSettings faults) => faults.Unhealthy
                ? Results.Json(new HealthDocument("unhealthy", UnhealthyReason), statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Json(new HealthDocument("healthy")))
            .WithMetadata(FaultExempt.Instance);

        endpoints.MapGet(ReadinessPath, async (FaultSettings faults, ReadinessTracker readiness, DatabaseReadiness database, CancellationToken cancellationToken) =>
            {
                if (faults.Unhealthy)
                {
                    return NotReady("unhealthy", UnhealthyReason);
                }

                switch (readiness.State)
                {
                    case ReadinessState.Draining:
                        return NotReady("draining", "the service is shutting down");
                    case ReadinessState.Starting:
                        return NotReady("starting", "the service has not finished starting");
                }

                var verdict = await database.CheckAsync(cancellationToken);
                return verdict.Ready ? Results.Json(new HealthDocument("ready")) : NotReady("database", verdict.Reason!);
            })
            .WithMetadata(FaultExempt.Instance);
    }

    private static string UnhealthyReason => $"fault injected by {FaultSettings.UnhealthyVariable}=true";

    private static IResult NotReady(string status, string reason) =>
        Results.Json(new HealthDocument(status, reason), statusCode: StatusCodes.Status503ServiceUnavailable);

    private sealed record HealthDocument(string Status, string? Reason = null);
}
