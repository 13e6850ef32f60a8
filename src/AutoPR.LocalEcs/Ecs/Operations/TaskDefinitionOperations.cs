using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Ecs.Shapes;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Ecs.Operations;

/// <summary>RegisterTaskDefinition, DescribeTaskDefinition, ListTaskDefinitions, ListTaskDefinitionFamilies, DeregisterTaskDefinition.</summary>
public sealed class TaskDefinitionOperations(EcsStore store, EcsNames names, TimeProvider time)
{
    public Task<JsonObject> RegisterAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var family = request.RequiredText("family");
        var containers = request.Array("containerDefinitions") ?? throw new AwsServiceException("ClientException", "Container list cannot be empty.");
        if (containers.Count == 0)
        {
            throw new AwsServiceException("ClientException", "Container list cannot be empty.");
        }

        foreach (var container in containers.Select(c => new JsonArgs(c as JsonObject ?? throw request.Invalid("containerDefinitions must be a list of objects."))))
        {
            if (container.Text("name") is not { Length: > 0 })
            {
                throw new AwsServiceException("ClientException", "Container.name should not be null or empty.");
            }

            if (container.Text("image") is not { Length: > 0 })
            {
                throw new AwsServiceException("ClientException", "Container.image should not be null or empty.");
            }

            var check = container.Nested("healthCheck")?.Texts("command");
            if (check is not null && (check.Count == 0 || check[0] is not ("CMD" or "CMD-SHELL" or "NONE")))
            {
                throw new AwsServiceException("ClientException", "healthCheck.command must start with CMD, CMD-SHELL or NONE.");
            }
        }

        if (!containers.OfType<JsonObject>().Any(c => c["essential"] is null || c["essential"]!.GetValue<bool>()))
        {
            throw new AwsServiceException("ClientException", "Task definition must have at least one essential container.");
        }

        var definition = (JsonObject)request.Body.DeepClone();
        definition.Remove("tags");
        var tags = TagShape.Parse(request.Array("tags"));
        return store.WriteAsync(state =>
        {
            var revisions = state.TaskDefinitions.TryGetValue(family, out var list) ? list : state.TaskDefinitions[family] = [];
            var revision = revisions.Count == 0 ? 1 : revisions[^1].Revision + 1;
            var record = new TaskDefinitionRecord
            {
                Arn = names.TaskDefinitionArn(family, revision),
                Family = family,
                Revision = revision,
                RegisteredAt = time.GetUtcNow(),
                Definition = definition,
            };
            revisions.Add(record);
            if (tags.Count > 0)
            {
                state.Tags[record.Arn] = tags;
            }

            return new JsonObject { ["taskDefinition"] = TaskDefinitionShape.ToJson(record), ["tags"] = TagShape.ToJson(tags) };
        }, cancellationToken);
    }

    public Task<JsonObject> DescribeAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var record = EcsLookup.TaskDefinition(state, request.RequiredText("taskDefinition"));
            var json = new JsonObject { ["taskDefinition"] = TaskDefinitionShape.ToJson(record) };
            if (request.Texts("include").Contains("TAGS"))
            {
                json["tags"] = TagShape.ToJson(state.Tags.GetValueOrDefault(record.Arn));
            }

            return json;
        }, cancellationToken);

    public Task<JsonObject> ListAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var prefix = request.Text("familyPrefix");
            var status = request.Text("status") ?? "ACTIVE";
            var records = state.TaskDefinitions
                .Where(f => prefix is null || f.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(f => f.Key, StringComparer.Ordinal)
                .SelectMany(f => f.Value)
                .Where(r => status == "ALL" || r.Status == status)
                .Select(r => r.Arn)
                .ToList();
            if (request.Text("sort") == "DESC")
            {
                records.Reverse();
            }

            var (page, next) = Paging.Page(records, request, 100);
            return new JsonObject { ["taskDefinitionArns"] = new JsonArray([.. page.Select(a => (JsonNode)a)]), ["nextToken"] = next };
        }, cancellationToken);

    public Task<JsonObject> ListFamiliesAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var prefix = request.Text("familyPrefix");
            var status = request.Text("status") ?? "ACTIVE";
            var families = state.TaskDefinitions
                .Where(f => prefix is null || f.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Where(f => status == "ALL" || f.Value.Any(r => r.Status == "ACTIVE") == (status == "ACTIVE"))
                .Select(f => f.Key)
                .Order(StringComparer.Ordinal)
                .ToList();
            var (page, next) = Paging.Page(families, request, 100);
            return new JsonObject { ["families"] = new JsonArray([.. page.Select(a => (JsonNode)a)]), ["nextToken"] = next };
        }, cancellationToken);

    public Task<JsonObject> DeregisterAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var value = request.RequiredText("taskDefinition");
            if (EcsNames.ParseTaskDefinition(value).Revision is null)
            {
                throw new AwsServiceException("ClientException", "Invalid revision number. Number: ");
            }

            var record = EcsLookup.TaskDefinition(state, value);
            if (record.Status == "ACTIVE")
            {
                record.Status = "INACTIVE";
                record.DeregisteredAt = time.GetUtcNow();
            }

            return new JsonObject { ["taskDefinition"] = TaskDefinitionShape.ToJson(record) };
        }, cancellationToken);
}
