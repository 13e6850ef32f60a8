using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoPR.LocalEcs.Hosting;

/// <summary>LocalEcs's own endpoints under /_localecs (no AWS signature): health, status, faults, parameters, down.</summary>
public static class AdminEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/_localecs/health", () => Results.Json(new { status = "healthy" }));
    }
}
