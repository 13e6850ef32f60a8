using System.Text.Json;
using AutoPR.LocalEcs.Faults;
using AutoPR.LocalEcs.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AutoPR.LocalEcs.Hosting;

/// <summary>
/// LocalEcs's own endpoints under /_localecs (no AWS signature):
/// GET health (with the state directory and pid); GET status (services, revisions, tasks, listener URLs);
/// GET/POST/DELETE faults (POST faults/tasks, POST faults/api).
/// </summary>
public static class AdminEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(WebApplication app)
    {
        // The state directory says which LocalEcs answers: LocalUp uses it to tell its own from another checkout's.
        var stateDirectory = app.Services.GetRequiredService<StateFiles>().Directory;
        app.MapGet("/_localecs/health", () => Results.Json(new { status = "healthy", stateDirectory, pid = Environment.ProcessId }, Json));
        app.MapGet("/_localecs/status", async (HttpContext context) =>
        {
            var status = await StatusReport.BuildAsync(app.Services, context.RequestAborted);
            return Results.Json(status, Json);
        });

        var taskFaults = app.Services.GetRequiredService<TaskFaults>();
        var apiFaults = app.Services.GetRequiredService<ApiFaults>();
        app.MapGet("/_localecs/faults", () => Results.Json(new { tasks = taskFaults.Rules, api = apiFaults.Rules }, Json));
        app.MapPost("/_localecs/faults/tasks", async (HttpContext context) =>
        {
            var rule = await ReadAsync<TaskFaultRule>(context);
            if (rule is null || string.IsNullOrEmpty(rule.Cluster) || string.IsNullOrEmpty(rule.Service))
            {
                return Problem("Send JSON {\"cluster\":\"autopr-local\",\"service\":\"autopr\",\"crashOnStartSeconds\":0,\"unhealthy\":true,\"startDelaySeconds\":30,\"errorRate\":0.5,\"latencyMs\":200,\"remainingTasks\":2} (any subset of the faults).");
            }

            taskFaults.Add(rule);
            return Results.Json(rule, Json, statusCode: StatusCodes.Status201Created);
        });
        app.MapPost("/_localecs/faults/api", async (HttpContext context) =>
        {
            var rule = await ReadAsync<ApiFaultRule>(context);
            if (rule is null || rule.ThrottleRate is < 0 or > 1 || rule.ErrorRate is < 0 or > 1)
            {
                return Problem("Send JSON {\"service\":\"ecs\",\"operation\":\"DescribeServices\",\"throttleRate\":0.5,\"errorRate\":0,\"remainingCalls\":10}; rates are between 0 and 1, service and operation are optional.");
            }

            apiFaults.Add(rule);
            return Results.Json(rule, Json, statusCode: StatusCodes.Status201Created);
        });
        app.MapDelete("/_localecs/faults", (string? cluster, string? service) =>
        {
            taskFaults.Clear(cluster, service);
            if (cluster is null && service is null)
            {
                apiFaults.Clear();
            }

            return Results.NoContent();
        });
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context)
    {
        try
        {
            return await context.Request.ReadFromJsonAsync<T>(Json, context.RequestAborted);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static IResult Problem(string message) => Results.Json(new { message }, Json, statusCode: StatusCodes.Status400BadRequest);
}
