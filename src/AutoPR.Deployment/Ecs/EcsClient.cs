using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Ecs.Views;

namespace AutoPR.Deployment.Ecs;

/// <summary>
/// Amazon ECS over AWS JSON 1.1. Task and service definitions travel as the caller's JSON documents, unchanged
/// (a new ECS field needs no code change); responses come back as documents with small typed views.
/// List calls follow nextToken to the end; Describe calls are split into the batch sizes ECS accepts.
/// </summary>
public sealed class EcsClient(AwsJsonClient core)
{
    private const int DescribeServicesBatch = 10;
    private const int DescribeTasksBatch = 100;
    private const int DescribeServiceDeploymentsBatch = 20;
    private const int DescribeServiceRevisionsBatch = 20;

    /// <summary>Every operation this client calls (for the deployer's IAM policy).</summary>
    public static IReadOnlyList<AwsOperation> Operations => EcsOperations.All;

    /// <summary>DescribeClusters.</summary>
    public async Task<EcsDescribeResult<EcsClusterView>> DescribeClustersAsync(IEnumerable<string> clusters, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["clusters"] = JsonBuild.Strings(clusters) };
        var response = await core.SendAsync(EcsOperations.DescribeClusters, request, cancellationToken).ConfigureAwait(false);
        return Describe(response, "clusters", o => new EcsClusterView(o));
    }

    /// <summary>CreateService with the rendered service definition sent unchanged (serviceName required, cluster optional).</summary>
    public async Task<EcsServiceView> CreateServiceAsync(JsonObject serviceDefinition, CancellationToken cancellationToken = default)
    {
        var response = await core.SendAsync(EcsOperations.CreateService, serviceDefinition, cancellationToken).ConfigureAwait(false);
        return new EcsServiceView(JsonRead.GetObject(response, "service") ?? []);
    }

    /// <summary>DescribeServices, in batches of 10.</summary>
    public async Task<EcsDescribeResult<EcsServiceView>> DescribeServicesAsync(string cluster, IEnumerable<string> services, CancellationToken cancellationToken = default)
    {
        var items = new List<EcsServiceView>();
        var failures = new List<EcsFailure>();
        foreach (var batch in services.Chunk(DescribeServicesBatch))
        {
            var request = new JsonObject { ["cluster"] = cluster, ["services"] = JsonBuild.Strings(batch) };
            var response = await core.SendAsync(EcsOperations.DescribeServices, request, cancellationToken).ConfigureAwait(false);
            Collect(response, "services", o => new EcsServiceView(o), items, failures);
        }

        return new EcsDescribeResult<EcsServiceView>(items, failures);
    }

    /// <summary>DescribeServices for one service; null when ECS reports it missing.</summary>
    public async Task<EcsServiceView?> DescribeServiceAsync(string cluster, string service, CancellationToken cancellationToken = default)
    {
        var result = await DescribeServicesAsync(cluster, [service], cancellationToken).ConfigureAwait(false);
        return result.Items.Count > 0 ? result.Items[0] : null;
    }

    /// <summary>UpdateService with the caller's request document (service required; cluster, taskDefinition, deploymentConfiguration, ...).</summary>
    public async Task<EcsServiceView> UpdateServiceAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        var response = await core.SendAsync(EcsOperations.UpdateService, request, cancellationToken).ConfigureAwait(false);
        return new EcsServiceView(JsonRead.GetObject(response, "service") ?? []);
    }

    /// <summary>RegisterTaskDefinition with the rendered task definition sent unchanged.</summary>
    public async Task<EcsTaskDefinitionView> RegisterTaskDefinitionAsync(JsonObject taskDefinition, CancellationToken cancellationToken = default)
    {
        var response = await core.SendAsync(EcsOperations.RegisterTaskDefinition, taskDefinition, cancellationToken).ConfigureAwait(false);
        return EcsTaskDefinitionView.FromResponse(response);
    }

    /// <summary>DescribeTaskDefinition (family, family:revision or ARN), with its tags.</summary>
    public async Task<EcsTaskDefinitionView> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["taskDefinition"] = taskDefinition, ["include"] = JsonBuild.Strings(["TAGS"]) };
        var response = await core.SendAsync(EcsOperations.DescribeTaskDefinition, request, cancellationToken).ConfigureAwait(false);
        return EcsTaskDefinitionView.FromResponse(response);
    }

    /// <summary>ListTaskDefinitions: every ARN, all pages (status ACTIVE|INACTIVE|DELETE_IN_PROGRESS, sort ASC|DESC).</summary>
    public async IAsyncEnumerable<string> ListTaskDefinitionsAsync(
        string? familyPrefix = null,
        string? status = null,
        string? sort = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new JsonObject().With("familyPrefix", familyPrefix).With("status", status).With("sort", sort);
        await foreach (var page in core.PaginateAsync(EcsOperations.ListTaskDefinitions, request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var arn in JsonRead.GetStrings(page, "taskDefinitionArns"))
            {
                yield return arn;
            }
        }
    }

    /// <summary>DeregisterTaskDefinition (family:revision or ARN).</summary>
    public async Task<EcsTaskDefinitionView> DeregisterTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["taskDefinition"] = taskDefinition };
        var response = await core.SendAsync(EcsOperations.DeregisterTaskDefinition, request, cancellationToken).ConfigureAwait(false);
        return EcsTaskDefinitionView.FromResponse(response);
    }

    /// <summary>ListTasks: every task ARN, all pages (desiredStatus RUNNING|PENDING|STOPPED).</summary>
    public async IAsyncEnumerable<string> ListTasksAsync(
        string cluster,
        string? serviceName = null,
        string? desiredStatus = null,
        string? startedBy = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["cluster"] = cluster }
            .With("serviceName", serviceName).With("desiredStatus", desiredStatus).With("startedBy", startedBy);
        await foreach (var page in core.PaginateAsync(EcsOperations.ListTasks, request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var arn in JsonRead.GetStrings(page, "taskArns"))
            {
                yield return arn;
            }
        }
    }

    /// <summary>DescribeTasks, in batches of 100.</summary>
    public async Task<EcsDescribeResult<EcsTaskView>> DescribeTasksAsync(string cluster, IEnumerable<string> tasks, CancellationToken cancellationToken = default)
    {
        var items = new List<EcsTaskView>();
        var failures = new List<EcsFailure>();
        foreach (var batch in tasks.Chunk(DescribeTasksBatch))
        {
            var request = new JsonObject { ["cluster"] = cluster, ["tasks"] = JsonBuild.Strings(batch) };
            var response = await core.SendAsync(EcsOperations.DescribeTasks, request, cancellationToken).ConfigureAwait(false);
            Collect(response, "tasks", o => new EcsTaskView(o), items, failures);
        }

        return new EcsDescribeResult<EcsTaskView>(items, failures);
    }

    /// <summary>RunTask with the caller's request document (cluster, taskDefinition, overrides, ...); failures come back with the tasks.</summary>
    public async Task<EcsDescribeResult<EcsTaskView>> RunTaskAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        var response = await core.SendAsync(EcsOperations.RunTask, request, cancellationToken).ConfigureAwait(false);
        return Describe(response, "tasks", o => new EcsTaskView(o));
    }

    /// <summary>StopTask; the task as ECS answers it.</summary>
    public async Task<EcsTaskView> StopTaskAsync(string cluster, string task, string reason, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["cluster"] = cluster, ["task"] = task, ["reason"] = reason };
        var response = await core.SendAsync(EcsOperations.StopTask, request, cancellationToken).ConfigureAwait(false);
        return new EcsTaskView(JsonRead.GetObject(response, "task") ?? []);
    }

    /// <summary>ListServiceDeployments: every deployment of a service (brief form), all pages, newest first as ECS sends them.</summary>
    public async IAsyncEnumerable<EcsServiceDeploymentView> ListServiceDeploymentsAsync(
        string cluster,
        string service,
        IEnumerable<string>? statuses = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["service"] = service, ["cluster"] = cluster }
            .With("status", statuses is null ? null : JsonBuild.Strings(statuses));
        await foreach (var page in core.PaginateAsync(EcsOperations.ListServiceDeployments, request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in JsonRead.GetArray(page, "serviceDeployments").OfType<JsonObject>())
            {
                yield return new EcsServiceDeploymentView(item);
            }
        }
    }

    /// <summary>DescribeServiceDeployments, in batches of 20.</summary>
    public async Task<EcsDescribeResult<EcsServiceDeploymentView>> DescribeServiceDeploymentsAsync(IEnumerable<string> serviceDeploymentArns, CancellationToken cancellationToken = default)
    {
        var items = new List<EcsServiceDeploymentView>();
        var failures = new List<EcsFailure>();
        foreach (var batch in serviceDeploymentArns.Chunk(DescribeServiceDeploymentsBatch))
        {
            var request = new JsonObject { ["serviceDeploymentArns"] = JsonBuild.Strings(batch) };
            var response = await core.SendAsync(EcsOperations.DescribeServiceDeployments, request, cancellationToken).ConfigureAwait(false);
            Collect(response, "serviceDeployments", o => new EcsServiceDeploymentView(o), items, failures);
        }

        return new EcsDescribeResult<EcsServiceDeploymentView>(items, failures);
    }

    /// <summary>DescribeServiceRevisions, in batches of 20: which task definition each service revision runs.</summary>
    public async Task<EcsDescribeResult<EcsServiceRevisionView>> DescribeServiceRevisionsAsync(IEnumerable<string> serviceRevisionArns, CancellationToken cancellationToken = default)
    {
        var items = new List<EcsServiceRevisionView>();
        var failures = new List<EcsFailure>();
        foreach (var batch in serviceRevisionArns.Chunk(DescribeServiceRevisionsBatch))
        {
            var request = new JsonObject { ["serviceRevisionArns"] = JsonBuild.Strings(batch) };
            var response = await core.SendAsync(EcsOperations.DescribeServiceRevisions, request, cancellationToken).ConfigureAwait(false);
            Collect(response, "serviceRevisions", o => new EcsServiceRevisionView(o), items, failures);
        }

        return new EcsDescribeResult<EcsServiceRevisionView>(items, failures);
    }

    /// <summary>StopServiceDeployment; <paramref name="stopType"/> is ROLLBACK (to the previous revision) or ABORT. Returns the ARN.</summary>
    public async Task<string?> StopServiceDeploymentAsync(string serviceDeploymentArn, string stopType = "ROLLBACK", CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["serviceDeploymentArn"] = serviceDeploymentArn, ["stopType"] = stopType };
        var response = await core.SendAsync(EcsOperations.StopServiceDeployment, request, cancellationToken).ConfigureAwait(false);
        return JsonRead.GetString(response, "serviceDeploymentArn");
    }

    /// <summary>ContinueServiceDeployment: <paramref name="action"/> CONTINUE or ROLLBACK for the paused hook <paramref name="hookId"/>.</summary>
    public async Task<string?> ContinueServiceDeploymentAsync(string serviceDeploymentArn, string hookId, string action, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["serviceDeploymentArn"] = serviceDeploymentArn, ["hookId"] = hookId, ["action"] = action };
        var response = await core.SendAsync(EcsOperations.ContinueServiceDeployment, request, cancellationToken).ConfigureAwait(false);
        return JsonRead.GetString(response, "serviceDeploymentArn");
    }

    /// <summary>TagResource (a task definition, service, cluster or task ARN).</summary>
    public async Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["resourceArn"] = resourceArn, ["tags"] = EcsTags.Write(tags) };
        await core.SendAsync(EcsOperations.TagResource, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ListTagsForResource (not paginated by ECS).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["resourceArn"] = resourceArn };
        var response = await core.SendAsync(EcsOperations.ListTagsForResource, request, cancellationToken).ConfigureAwait(false);
        return EcsTags.Read(response);
    }

    private static EcsDescribeResult<T> Describe<T>(JsonObject response, string member, Func<JsonObject, T> view)
    {
        var items = new List<T>();
        var failures = new List<EcsFailure>();
        Collect(response, member, view, items, failures);
        return new EcsDescribeResult<T>(items, failures);
    }

    private static void Collect<T>(JsonObject response, string member, Func<JsonObject, T> view, List<T> items, List<EcsFailure> failures)
    {
        items.AddRange(JsonRead.GetArray(response, member).OfType<JsonObject>().Select(view));
        failures.AddRange(JsonRead.GetArray(response, "failures").Select(EcsFailure.From));
    }
}
