using AutoPR.Service.Configuration;
using AutoPR.Service.Hosting;

namespace AutoPR.Service.Endpoints;

/// <summary>GET /: the service's work, a small JSON document; traffic tests hit it and fault injection acts on it.</summary>
internal static class WorkEndpoint
{
    public const string Path = "/";

    public static void MapWorkEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (VersionInfo version, ServiceInstance instance, TimeProvider time) => Results.Json(new WorkDocument(
            version.Service,
            "AutoPR is serving",
            version.Version,
            version.Revision,
            version.Environment,
            instance.Id,
            time.GetUtcNow())));

    private sealed record WorkDocument(
        string Service,
        string Message,
        string Version,
        string Revision,
        string Environment,
        string Instance,
        DateTimeOffset Time);
}
