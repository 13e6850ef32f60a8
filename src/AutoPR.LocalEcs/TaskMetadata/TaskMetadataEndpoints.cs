using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AutoPR.LocalEcs.TaskMetadata;

/// <summary>
/// The ECS task metadata endpoint v4 on LocalEcs's API port: GET /v4/{id} answers the container's metadata and
/// GET /v4/{id}/task the task's, where {id} is the one in the container's ECS_CONTAINER_METADATA_URI_V4. A service
/// reads Family and Revision there to know which task-definition revision it runs, as on Fargate. No signature,
/// as on AWS; an unknown id is 404. The /stats paths are not served.
/// </summary>
public static class TaskMetadataEndpoints
{
    public static void Map(WebApplication app)
    {
        var store = app.Services.GetRequiredService<EcsStore>();
        app.MapGet("/v4/{id}", (string id, HttpContext context) =>
            AnswerAsync(store, id, (task, container) => TaskMetadataShape.Container(task, container), context.RequestAborted));
        app.MapGet("/v4/{id}/task", (string id, HttpContext context) =>
            AnswerAsync(store, id, (task, _) => TaskMetadataShape.Task(task), context.RequestAborted));
    }

    private static async Task<IResult> AnswerAsync(EcsStore store, string id, Func<TaskRecord, TaskContainerRecord, JsonObject> shape, CancellationToken cancellationToken)
    {
        var json = await store.ReadAsync(state => Find(state, id) is { } found ? shape(found.Task, found.Container).ToJsonString() : null, cancellationToken);
        return json is null
            ? Results.Json(new { message = $"No task container of this LocalEcs has the metadata id {id} (stopped tasks are forgotten an hour after they stop)." }, statusCode: StatusCodes.Status404NotFound)
            : Results.Text(json, "application/json");
    }

    private static (TaskRecord Task, TaskContainerRecord Container)? Find(EcsState state, string id)
    {
        if (TaskMetadataId.TaskIdOf(id) is not { } taskId || !state.Tasks.TryGetValue(taskId, out var task))
        {
            return null;
        }

        var container = task.Containers.FirstOrDefault(c => TaskMetadataId.For(task.Id, c.Name) == id);
        return container is null ? null : (task, container);
    }
}
