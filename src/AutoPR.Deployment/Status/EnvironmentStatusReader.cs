using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.History;

namespace AutoPR.Deployment.Status;

/// <summary>
/// Reads an <see cref="EnvironmentStatus"/> (reads only): DescribeServices; the current service deployment
/// (DescribeServiceDeployments, DescribeServiceRevisions for the revisions it moves between, with their traffic);
/// the service's tasks (ListTasks, DescribeTasks); and the history's verified releases (ListTaskDefinitions,
/// ListTagsForResource). The same calls on AWS and on LocalEcs.
/// </summary>
public sealed class EnvironmentStatusReader(EcsClient ecs, DeploymentHistory history)
{
    /// <summary>How many service events Status shows.</summary>
    public const int DefaultEventCount = 5;

    /// <summary>How many of the family's newest revisions the history is read from (as Rollback searches).</summary>
    public const int HistoryRevisions = 100;

    /// <summary>The status of <paramref name="environment"/>, whose revisions are of <paramref name="family"/>.</summary>
    public async Task<EnvironmentStatus> ReadAsync(DeploymentEnvironment environment, string family, int eventCount = DefaultEventCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(family);
        var service = await ServiceAsync(environment, cancellationToken).ConfigureAwait(false);
        var records = await history.ReadAsync(family, environment.Name, HistoryRevisions, cancellationToken).ConfigureAwait(false);
        var status = new EnvironmentStatus
        {
            Environment = environment.Name,
            Cluster = environment.Cluster,
            Service = environment.Service,
            LastVerified = DeploymentHistory.NewestVerified(records),
        };
        if (service is null or { Status: "INACTIVE" })
        {
            return status;
        }

        var current = await CurrentDeploymentAsync(service, cancellationToken).ConfigureAwait(false);
        var tasks = await TasksAsync(environment.Cluster, environment.Service, cancellationToken).ConfigureAwait(false);
        return status with
        {
            ServiceStatus = service.Status ?? "ACTIVE",
            TaskDefinitionArn = service.TaskDefinition,
            DesiredCount = service.DesiredCount,
            RunningCount = service.RunningCount,
            PendingCount = service.PendingCount,
            Strategy = JsonRead.GetString(service.DeploymentConfiguration, "strategy") ?? "ROLLING",
            CurrentDeployment = current?.Status,
            Revisions = Revisions(service, current?.Traffic ?? new Dictionary<string, (double?, double?)>(), tasks),
            Events = [.. service.Events.Take(Math.Max(0, eventCount))],
            RollbackTarget = DeploymentHistory.NewestVerified(records, service.TaskDefinition),
        };
    }

    /// <summary>The service; null when it or its cluster does not exist.</summary>
    private async Task<EcsServiceView?> ServiceAsync(DeploymentEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            return await ecs.DescribeServiceAsync(environment.Cluster, environment.Service, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "ClusterNotFoundException")
        {
            return null;
        }
    }

    private static IReadOnlyList<RevisionStatus> Revisions(EcsServiceView service, IReadOnlyDictionary<string, (double? Production, double? Test)> traffic, IReadOnlyList<EcsTaskView> tasks)
    {
        var byRevision = tasks.Where(t => t.TaskDefinitionArn is not null).ToLookup(t => t.TaskDefinitionArn!, StringComparer.Ordinal);
        var revisions = service.Deployments
            .Where(d => d.TaskDefinition is not null && d.Status != "INACTIVE")
            .Select(d => new RevisionStatus
            {
                TaskDefinitionArn = d.TaskDefinition!,
                DeploymentStatus = d.Status,
                RolloutState = d.RolloutState,
                RolloutStateReason = d.RolloutStateReason,
                Desired = d.DesiredCount,
                Running = d.RunningCount,
                Pending = d.PendingCount,
                Failed = d.FailedTasks,
            })
            .DistinctBy(r => r.TaskDefinitionArn, StringComparer.Ordinal)
            .ToList();
        // Tasks of a revision no deployment names any more (still draining, say) show too.
        revisions.AddRange(byRevision
            .Where(g => revisions.All(r => !string.Equals(r.TaskDefinitionArn, g.Key, StringComparison.Ordinal)))
            .Select(g => new RevisionStatus { TaskDefinitionArn = g.Key }));
        return [.. revisions.Select(r => r with
        {
            ProductionTrafficPercent = traffic.TryGetValue(r.TaskDefinitionArn, out var weights) ? weights.Production : null,
            TestTrafficPercent = traffic.TryGetValue(r.TaskDefinitionArn, out weights) ? weights.Test : null,
            Tasks = [.. byRevision[r.TaskDefinitionArn].OrderBy(t => t.StartedAt ?? t.CreatedAt).Select(Health)],
        })];
    }

    private static TaskHealth Health(EcsTaskView task)
    {
        var id = task.Arn?.Split('/')[^1] ?? "?";
        var address = JsonRead.GetArray(task.Json, "containers")
            .SelectMany(c => JsonRead.GetArray(c, "networkInterfaces"))
            .Select(n => JsonRead.GetString(n, "privateIpv4Address"))
            .FirstOrDefault(a => a is not null);
        return new TaskHealth(id, task.LastStatus, task.HealthStatus, task.StartedAt, address);
    }

    private async Task<IReadOnlyList<EcsTaskView>> TasksAsync(string cluster, string service, CancellationToken cancellationToken)
    {
        var arns = new List<string>();
        await foreach (var arn in ecs.ListTasksAsync(cluster, serviceName: service, desiredStatus: "RUNNING", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            arns.Add(arn);
        }

        return arns.Count == 0 ? [] : (await ecs.DescribeTasksAsync(cluster, arns, cancellationToken).ConfigureAwait(false)).Items;
    }

    /// <summary>The current service deployment and the traffic it gives each task definition; null where ECS has none (or no such API).</summary>
    private async Task<(ServiceDeploymentStatus Status, IReadOnlyDictionary<string, (double?, double?)> Traffic)?> CurrentDeploymentAsync(EcsServiceView service, CancellationToken cancellationToken)
    {
        if (service.CurrentServiceDeployment is not { } arn)
        {
            return null;
        }

        EcsServiceDeploymentView deployment;
        IReadOnlyDictionary<string, string> taskDefinitions;
        try
        {
            var described = await ecs.DescribeServiceDeploymentsAsync([arn], cancellationToken).ConfigureAwait(false);
            if (described.Items.Count == 0)
            {
                return null;
            }

            deployment = described.Items[0];
            taskDefinitions = await TaskDefinitionsOfAsync(deployment, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode is "UnknownOperationException" or "InvalidAction" or "UnsupportedOperation" or "NotImplemented")
        {
            // An endpoint without the service-deployment APIs: deployments[] still shows every revision.
            return null;
        }

        var status = new ServiceDeploymentStatus
        {
            Arn = arn,
            Status = deployment.Status ?? "UNKNOWN",
            Strategy = deployment.Strategy,
            LifecycleStage = deployment.LifecycleStage,
            Reason = deployment.RollbackReason ?? deployment.StatusReason,
            TargetTaskDefinitionArn = deployment.TargetServiceRevisionArn is { } target ? taskDefinitions.GetValueOrDefault(target) : null,
            SourceTaskDefinitionArns = [.. deployment.SourceServiceRevisions.Select(s => s.Arn is null ? null : taskDefinitions.GetValueOrDefault(s.Arn)).OfType<string>()],
            WaitingForApproval = deployment.WaitingHook is not null,
            StartedAt = deployment.StartedAt ?? deployment.CreatedAt,
            FinishedAt = deployment.FinishedAt ?? deployment.StoppedAt,
        };

        // Traffic means something only while the load balancer shifts it between revisions; once the deployment is
        // over, one revision serves alone.
        var traffic = new Dictionary<string, (double?, double?)>(StringComparer.Ordinal);
        if (deployment.Strategy is { } strategy && strategy != "ROLLING" && !deployment.IsFinished)
        {
            foreach (var revision in deployment.SourceServiceRevisions.Concat(deployment.TargetServiceRevision is { } targetRevision ? [targetRevision] : []))
            {
                if (revision.Arn is { } revisionArn && taskDefinitions.TryGetValue(revisionArn, out var taskDefinition)
                    && (revision.RequestedProductionTrafficWeight is not null || revision.RequestedTestTrafficWeight is not null))
                {
                    traffic[taskDefinition] = (revision.RequestedProductionTrafficWeight, revision.RequestedTestTrafficWeight);
                }
            }
        }

        return (status, traffic);
    }

    private async Task<IReadOnlyDictionary<string, string>> TaskDefinitionsOfAsync(EcsServiceDeploymentView deployment, CancellationToken cancellationToken)
    {
        var revisions = deployment.SourceServiceRevisions.Select(s => s.Arn).Append(deployment.TargetServiceRevisionArn).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (revisions.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var described = await ecs.DescribeServiceRevisionsAsync(revisions, cancellationToken).ConfigureAwait(false);
        return described.Items
            .Where(r => r.Arn is not null && r.TaskDefinition is not null)
            .ToDictionary(r => r.Arn!, r => r.TaskDefinition!, StringComparer.Ordinal);
    }
}
