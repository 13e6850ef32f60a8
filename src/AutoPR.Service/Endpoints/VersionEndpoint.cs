using AutoPR.Service.Configuration;
using AutoPR.Service.Database;
using AutoPR.Service.Faults;

namespace AutoPR.Service.Endpoints;

/// <summary>
/// GET /version: which build is running; Verify compares the revision with what it deployed. schemaVersion and
/// schemaCompatibleFrom tell a rollback whether an older release can run on the schema this one migrated to:
/// a release with schemaVersion >= schemaCompatibleFrom can.
/// </summary>
internal static class VersionEndpoint
{
    public const string Path = "/version";

    public static void MapVersionEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (VersionInfo version) => Results.Json(new VersionDocument(
                version.Service, version.Version, version.Revision, version.ImageTag, version.Environment,
                SchemaInfo.Service.Version, SchemaInfo.Service.CompatibleFrom)))
            .WithMetadata(FaultExempt.Instance);

    private sealed record VersionDocument(
        string Service, string Version, string Revision, string ImageTag, string Environment, long SchemaVersion, long SchemaCompatibleFrom);
}
