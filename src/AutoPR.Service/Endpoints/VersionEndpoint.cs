using AutoPR.Service.Configuration;
using AutoPR.Service.Faults;

namespace AutoPR.Service.Endpoints;

/// <summary>GET /version: which build is running; Verify compares the revision with what it deployed.</summary>
internal static class VersionEndpoint
{
    public const string Path = "/version";

    public static void MapVersionEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (VersionInfo version) => Results.Json(version))
            .WithMetadata(FaultExempt.Instance);
}
