using AutoPR.Service.Configuration;
using AutoPR.Service.Hosting;
using AutoPR.Service.Revision;

namespace AutoPR.Service.Endpoints;

/// <summary>
/// GET /api/instance: which process answers (instance id, start time, task definition and build). A second cheap route
/// next to / so traffic mixes and per-route judgement have something to tell apart; request faults act on it too.
/// </summary>
internal static class InstanceEndpoint
{
    public const string Path = "/api/instance";

    public static void MapInstanceEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (VersionInfo version, ServiceInstance instance, RevisionStamp stamp) => Results.Json(new InstanceDocument(
            instance.Id,
            instance.StartedAt,
            stamp.TaskDefinition,
            version.Revision,
            version.Environment)));

    private sealed record InstanceDocument(string Instance, DateTimeOffset StartedAt, string TaskDefinition, string Revision, string Environment);
}
