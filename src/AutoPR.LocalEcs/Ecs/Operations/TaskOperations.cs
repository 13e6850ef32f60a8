using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Shapes;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Ecs.Operations;

/// <summary>ListTasks, DescribeTasks, StopTask. Stopping is carried out by the reconciler (drain, then stop the containers).</summary>
public sealed class TaskOperations(EcsStore store, EcsNames names, TimeProvider time)
{
    public Task<JsonObject> ListAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var cluster = EcsLookup.Cluster(state, request.Text("cluster"));
            var serviceName = request.Text("serviceName");
            if (serviceName is not null)
            {
                EcsLookup.Service(state, cluster, serviceName);
                serviceName = EcsNames.NameOf(serviceName);
            }

            var desired = request.Text("desiredStatus") ?? "RUNNING";
            var family = request.Text("family");
            var startedBy = request.Text("startedBy");
            var arns = state.Tasks.Values
                .Where(t => t.ClusterName == cluster.Name
                    && t.DesiredStatus == desired
                    && (serviceName is null || t.ServiceName == serviceName)
                    && (startedBy is null || t.StartedBy == startedBy)
                    && (family is null || EcsNames.ParseTaskDefinition(t.TaskDefinitionArn).Family == family))
                .OrderBy(t => t.CreatedAt)
                .Select(t => t.Arn)
                .ToList();
            var (page, next) = Paging.Page(arns, request, 100);
            return new JsonObject { ["taskArns"] = new JsonArray([.. page.Select(a => (JsonNode)a)]), ["nextToken"] = next };
        }, cancellationToken);

    public Task<JsonObject> DescribeAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var cluster = EcsLookup.Cluster(state, request.Text("cluster"));
            var requested = request.Texts("tasks");
            if (requested.Count is 0 or > 100)
            {
                throw request.Invalid("tasks must name between 1 and 100 tasks.");
            }

            var includeTags = request.Texts("include").Contains("TAGS");
            var tasks = new JsonArray();
            var failures = new JsonArray();
            foreach (var item in requested)
            {
                if (state.Tasks.TryGetValue(EcsNames.NameOf(item), out var task) && task.ClusterName == cluster.Name)
                {
                    tasks.Add(TaskShape.ToJson(task, state, includeTags));
                }
                else
                {
                    failures.Add(new JsonObject { ["arn"] = item.StartsWith("arn:", StringComparison.Ordinal) ? item : names.TaskArn(cluster.Name, item), ["reason"] = "MISSING" });
                }
            }

            return new JsonObject { ["tasks"] = tasks, ["failures"] = failures };
        }, cancellationToken);

    public Task<JsonObject> StopAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var cluster = EcsLookup.Cluster(state, request.Text("cluster"));
            var task = EcsLookup.Task(state, cluster, request.RequiredText("task"));
            if (task.DesiredStatus != "STOPPED")
            {
                task.DesiredStatus = "STOPPED";
                task.StoppedReason = request.Text("reason") is { Length: > 0 } reason ? reason : "Task stopped by user";
                task.StopCode = "UserInitiated";
                task.StoppingAt = time.GetUtcNow();
                task.Touch();
            }

            return new JsonObject { ["task"] = TaskShape.ToJson(task, state, includeTags: false) };
        }, cancellationToken);
}
