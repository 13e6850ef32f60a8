using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Ecs.Shapes;

public static class ClusterShape
{
    public static JsonObject ToJson(ClusterRecord cluster, EcsState state, bool includeTags)
    {
        var tasks = state.Tasks.Values.Where(t => t.ClusterName == cluster.Name && !t.IsStopped).ToList();
        var json = new JsonObject
        {
            ["clusterArn"] = cluster.Arn,
            ["clusterName"] = cluster.Name,
            ["status"] = cluster.Status,
            ["registeredContainerInstancesCount"] = 0,
            ["runningTasksCount"] = tasks.Count(t => t.LastStatus == "RUNNING"),
            ["pendingTasksCount"] = tasks.Count(t => t.LastStatus is "PROVISIONING" or "PENDING" or "ACTIVATING"),
            ["activeServicesCount"] = state.Services.Values.Count(s => s.ClusterName == cluster.Name && s.Status == "ACTIVE"),
            ["statistics"] = new JsonArray(),
            ["settings"] = cluster.Settings?.DeepClone() ?? new JsonArray(new JsonObject { ["name"] = "containerInsights", ["value"] = "disabled" }),
            ["capacityProviders"] = new JsonArray("FARGATE", "FARGATE_SPOT"),
            ["defaultCapacityProviderStrategy"] = new JsonArray(),
        };
        if (cluster.Configuration is not null)
        {
            json["configuration"] = cluster.Configuration.DeepClone();
        }

        if (includeTags)
        {
            json["tags"] = TagShape.ToJson(state.Tags.GetValueOrDefault(cluster.Arn));
        }

        return json;
    }
}
