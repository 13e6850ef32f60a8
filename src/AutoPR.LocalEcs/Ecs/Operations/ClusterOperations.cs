using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Ecs.Shapes;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Ecs.Operations;

/// <summary>CreateCluster, DescribeClusters, ListClusters, DeleteCluster.</summary>
public sealed class ClusterOperations(EcsStore store, EcsNames names)
{
    public Task<JsonObject> CreateClusterAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var name = request.Text("clusterName") ?? "default";
            if (!state.Clusters.TryGetValue(name, out var cluster) || cluster.Status != "ACTIVE")
            {
                cluster = new ClusterRecord { Name = name, Arn = names.ClusterArn(name), Settings = request.Array("settings")?.DeepClone().AsArray(), Configuration = request.Map("configuration")?.DeepClone().AsObject() };
                state.Clusters[name] = cluster;
            }

            var tags = TagShape.Parse(request.Array("tags"));
            if (tags.Count > 0)
            {
                state.Tags[cluster.Arn] = tags;
            }

            return new JsonObject { ["cluster"] = ClusterShape.ToJson(cluster, state, includeTags: tags.Count > 0) };
        }, cancellationToken);

    public Task<JsonObject> DescribeClustersAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var requested = request.Texts("clusters");
            var includeTags = request.Texts("include").Contains("TAGS");
            var clusters = new JsonArray();
            var failures = new JsonArray();
            foreach (var item in requested.Count == 0 ? ["default"] : requested)
            {
                var name = EcsNames.ClusterName(item);
                if (state.Clusters.TryGetValue(name, out var cluster))
                {
                    clusters.Add(ClusterShape.ToJson(cluster, state, includeTags));
                }
                else
                {
                    failures.Add(new JsonObject { ["arn"] = names.ClusterArn(name), ["reason"] = "MISSING" });
                }
            }

            return new JsonObject { ["clusters"] = clusters, ["failures"] = failures };
        }, cancellationToken);

    public Task<JsonObject> ListClustersAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var arns = state.Clusters.Values.Where(c => c.Status == "ACTIVE").Select(c => c.Arn).Order(StringComparer.Ordinal).ToList();
            var (page, next) = Paging.Page(arns, request, 100);
            return new JsonObject { ["clusterArns"] = new JsonArray([.. page.Select(a => (JsonNode)a)]), ["nextToken"] = next };
        }, cancellationToken);

    public Task<JsonObject> DeleteClusterAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var cluster = EcsLookup.Cluster(state, request.RequiredText("cluster"));
            if (state.Services.Values.Any(s => s.ClusterName == cluster.Name && s.Status != "INACTIVE"))
            {
                throw new AwsServiceException("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.");
            }

            if (state.Tasks.Values.Any(t => t.ClusterName == cluster.Name && !t.IsStopped))
            {
                throw new AwsServiceException("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
            }

            cluster.Status = "INACTIVE";
            return new JsonObject { ["cluster"] = ClusterShape.ToJson(cluster, state, includeTags: false) };
        }, cancellationToken);
}
