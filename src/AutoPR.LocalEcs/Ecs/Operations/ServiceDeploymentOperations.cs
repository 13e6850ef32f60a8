using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Ecs.Shapes;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Ecs.Operations;

/// <summary>ListServiceDeployments, DescribeServiceDeployments, StopServiceDeployment, DescribeServiceRevisions.</summary>
public sealed class ServiceDeploymentOperations(EcsStore store, TimeProvider time)
{
    public Task<JsonObject> ListAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var cluster = EcsLookup.Cluster(state, request.Text("cluster"));
            var service = EcsLookup.FindService(state, cluster, request.RequiredText("service"))
                ?? throw new AwsServiceException("ServiceNotFoundException", "Service not found.");
            var statuses = request.Texts("status");
            var created = request.Nested("createdAt");
            var before = created?.Time("before");
            var after = created?.Time("after");
            var records = service.ServiceDeployments
                .Where(d => (statuses.Count == 0 || statuses.Contains(d.Status))
                    && (before is null || d.CreatedAt <= before)
                    && (after is null || d.CreatedAt >= after))
                .ToList();
            var (page, next) = Paging.Page(records, request, 20);
            return new JsonObject
            {
                ["serviceDeployments"] = new JsonArray([.. page.Select(d => (JsonNode)ServiceDeploymentShape.Brief(d, service))]),
                ["nextToken"] = next,
            };
        }, cancellationToken);

    public Task<JsonObject> DescribeAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var arns = request.Texts("serviceDeploymentArns");
            if (arns.Count is 0 or > 20)
            {
                throw request.Invalid("serviceDeploymentArns must name between 1 and 20 service deployments.");
            }

            var found = new JsonArray();
            var failures = new JsonArray();
            foreach (var arn in arns)
            {
                if (EcsLookup.FindServiceDeployment(state, arn) is { } match)
                {
                    found.Add(ServiceDeploymentShape.Full(match.Deployment, match.Service, state));
                }
                else
                {
                    failures.Add(new JsonObject { ["arn"] = arn, ["reason"] = "MISSING" });
                }
            }

            return new JsonObject { ["serviceDeployments"] = found, ["failures"] = failures };
        }, cancellationToken);

    public Task<JsonObject> StopAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var arn = request.RequiredText("serviceDeploymentArn");
            var stopType = request.Text("stopType") ?? "ROLLBACK";
            if (stopType is not ("ROLLBACK" or "ABORT"))
            {
                throw request.Invalid("stopType must be ROLLBACK or ABORT.");
            }

            var (service, deployment) = EcsLookup.FindServiceDeployment(state, arn)
                ?? throw new AwsServiceException("ServiceDeploymentNotFoundException", "The service deployment does not exist.");
            if (deployment.IsFinished || deployment.Status is "ROLLBACK_REQUESTED" or "ROLLBACK_IN_PROGRESS" or "STOP_REQUESTED")
            {
                throw new AwsServiceException("ConflictException", $"The service deployment is {deployment.Status} and cannot be stopped.");
            }

            if (service.Deployments.FirstOrDefault(d => d.Id == deployment.DeploymentId) is not { Status: "PRIMARY" })
            {
                throw new AwsServiceException("ConflictException", "The service deployment is no longer the service's primary deployment.");
            }

            // The reconciler carries the request out on its next pass, as ECS does asynchronously.
            deployment.Status = stopType == "ROLLBACK" ? "ROLLBACK_REQUESTED" : "STOP_REQUESTED";
            if (stopType == "ROLLBACK")
            {
                deployment.RequestedRollbackReason = deployment.LifecycleStage is { } stage
                    ? $"Service deployment rolled back by StopServiceDeployment (stopType ROLLBACK) at {stage}."
                    : "Service deployment rolled back by StopServiceDeployment (stopType ROLLBACK).";
            }

            deployment.UpdatedAt = time.GetUtcNow();
            return new JsonObject { ["serviceDeploymentArn"] = deployment.Arn };
        }, cancellationToken);

    public Task<JsonObject> DescribeRevisionsAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var found = new JsonArray();
            var failures = new JsonArray();
            foreach (var arn in request.Texts("serviceRevisionArns"))
            {
                var match = state.Services.Values.SelectMany(s => s.Revisions.Select(r => (Service: s, Revision: r))).FirstOrDefault(x => x.Revision.Arn == arn);
                if (match.Revision is null)
                {
                    failures.Add(new JsonObject { ["arn"] = arn, ["reason"] = "MISSING" });
                    continue;
                }

                var definition = EcsLookup.FindTaskDefinition(state, match.Revision.TaskDefinitionArn);
                var images = definition?.Definition["containerDefinitions"]?.AsArray().OfType<JsonObject>()
                    .Select(c => (JsonNode)new JsonObject { ["containerName"] = c["name"]?.DeepClone(), ["image"] = c["image"]?.DeepClone() }) ?? [];
                var json = new JsonObject
                {
                    ["serviceRevisionArn"] = match.Revision.Arn,
                    ["serviceArn"] = match.Service.Arn,
                    ["clusterArn"] = match.Service.ClusterArn,
                    ["taskDefinition"] = match.Revision.TaskDefinitionArn,
                    ["launchType"] = match.Service.LaunchType,
                    ["platformVersion"] = "1.4.0",
                    ["platformFamily"] = "Linux",
                    ["loadBalancers"] = LoadBalancerShape.ToJson(match.Revision.LoadBalancers),
                    ["serviceRegistries"] = new JsonArray(),
                    ["containerImages"] = new JsonArray([.. images]),
                    ["guardDutyEnabled"] = false,
                    ["createdAt"] = AwsTime.ToJson(match.Revision.CreatedAt),
                };
                if (match.Service.NetworkConfiguration is not null)
                {
                    json["networkConfiguration"] = match.Service.NetworkConfiguration.DeepClone();
                }

                found.Add(json);
            }

            return new JsonObject { ["serviceRevisions"] = found, ["failures"] = failures };
        }, cancellationToken);
}
