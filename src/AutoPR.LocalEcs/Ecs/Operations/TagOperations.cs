using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Ecs.Shapes;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Ecs.Operations;

/// <summary>TagResource, UntagResource, ListTagsForResource on clusters, services, tasks and task definitions.</summary>
public sealed class TagOperations(EcsStore store)
{
    public Task<JsonObject> TagAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var arn = Existing(state, request.RequiredText("resourceArn"));
            var tags = state.Tags.TryGetValue(arn, out var existing) ? existing : state.Tags[arn] = new(StringComparer.Ordinal);
            foreach (var (key, value) in TagShape.Parse(request.Array("tags")))
            {
                tags[key] = value;
            }

            return new JsonObject();
        }, cancellationToken);

    public Task<JsonObject> UntagAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var arn = Existing(state, request.RequiredText("resourceArn"));
            if (state.Tags.TryGetValue(arn, out var tags))
            {
                foreach (var key in request.Texts("tagKeys"))
                {
                    tags.Remove(key);
                }
            }

            return new JsonObject();
        }, cancellationToken);

    public Task<JsonObject> ListAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var arn = Existing(state, request.RequiredText("resourceArn"));
            return new JsonObject { ["tags"] = TagShape.ToJson(state.Tags.GetValueOrDefault(arn)) };
        }, cancellationToken);

    private static string Existing(EcsState state, string arn)
    {
        var exists = state.Clusters.Values.Any(c => c.Arn == arn)
            || state.Services.Values.Any(s => s.Arn == arn)
            || state.Tasks.Values.Any(t => t.Arn == arn)
            || state.TaskDefinitions.Values.SelectMany(r => r).Any(r => r.Arn == arn);
        if (!arn.StartsWith("arn:aws:ecs:", StringComparison.Ordinal))
        {
            throw new AwsServiceException("InvalidParameterException", "The ARN provided is invalid.");
        }

        return exists ? arn : throw new AwsServiceException("ResourceNotFoundException", "The specified resource could not be found.");
    }
}
