using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollback;
using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Cleanup;

/// <summary>
/// Deregisters the environment's task-definition revisions beyond the newest N, except those still needed: what the
/// service's deployments run, what a service deployment in progress moves from or to, what any task of the cluster
/// runs, the last verified release and the one Rollback would return to. Reads with ListTaskDefinitions,
/// DescribeServices, ListServiceDeployments/DescribeServiceDeployments/DescribeServiceRevisions, ListTasks/DescribeTasks
/// and the history's tags; writes only DeregisterTaskDefinition.
/// </summary>
public sealed class RevisionCleanup(EcsClient ecs, DeploymentHistory history, DeploymentContext context)
{
    /// <summary>The newest revisions kept when --keep is not given.</summary>
    public const int DefaultKeep = 10;

    /// <summary>Decides what to keep and what to deregister; reads only.</summary>
    public async Task<CleanupPlan> PlanAsync(int keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var environment = context.Environment;
        var family = context.Family;
        var active = new List<string>();
        await foreach (var arn in ecs.ListTaskDefinitionsAsync(familyPrefix: family, status: "ACTIVE", sort: "DESC", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // familyPrefix is a prefix: "autopr-dev" also lists "autopr-dev-worker".
            if (string.Equals(DeploymentRecord.FamilyOf(arn), family, StringComparison.Ordinal))
            {
                active.Add(arn);
            }
        }

        // DESC sorts by family then revision; within one family, newest first.
        active = [.. active.OrderByDescending(DeploymentRecord.RevisionOf)];
        var reasons = active.ToDictionary(a => a, _ => KeepReasons.None, StringComparer.Ordinal);
        void Mark(string? arn, KeepReasons reason)
        {
            if (arn is not null && reasons.ContainsKey(arn))
            {
                reasons[arn] |= reason;
            }
        }

        foreach (var arn in active.Take(keep))
        {
            Mark(arn, KeepReasons.Newest);
        }

        EcsServiceView? service;
        var clusterExists = true;
        try
        {
            service = await ecs.DescribeServiceAsync(environment.Cluster, environment.Service, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "ClusterNotFoundException")
        {
            // No cluster: no service and no task runs anything; the history still protects the verified releases.
            service = null;
            clusterExists = false;
        }

        var running = service is null or { Status: "INACTIVE" } ? null : service.TaskDefinition;
        if (running is not null)
        {
            Mark(running, KeepReasons.Service);
            foreach (var deployment in service!.Deployments)
            {
                Mark(deployment.TaskDefinition, KeepReasons.Service);
            }

            // A deployment under way shows in deployments[] too (its target PRIMARY, its source ACTIVE); only then are
            // the service deployments asked which revisions they move between (a steady service needs no more reads).
            if (service.Deployments.Count > 1 || service.Deployments.Any(d => d.RolloutState == "IN_PROGRESS"))
            {
                foreach (var arn in await InProgressAsync(environment.Cluster, environment.Service, cancellationToken).ConfigureAwait(false))
                {
                    Mark(arn, KeepReasons.DeploymentInProgress);
                }
            }
        }

        if (clusterExists)
        {
            foreach (var arn in await RunningTasksAsync(environment.Cluster, cancellationToken).ConfigureAwait(false))
            {
                Mark(arn, KeepReasons.RunningTask);
            }
        }

        // Every active revision's records, so a verified release older than any window is still seen.
        var records = await history.ReadAsync(family, environment.Name, maxRevisions: int.MaxValue, cancellationToken).ConfigureAwait(false);
        Mark(DeploymentHistory.NewestVerified(records)?.TaskDefinitionArn, KeepReasons.LastVerified);
        Mark(DeploymentHistory.NewestVerified(records, running)?.TaskDefinitionArn, KeepReasons.RollbackTarget);
        // Rollback searches only the newest revisions; where its window finds another target, keep that one too.
        var window = active.Take(new EcsRollbackOptions().MaxRevisionsSearched).ToHashSet(StringComparer.Ordinal);
        Mark(DeploymentHistory.NewestVerified(records.Where(r => window.Contains(r.TaskDefinitionArn)), running)?.TaskDefinitionArn, KeepReasons.RollbackTarget);

        return new CleanupPlan
        {
            Environment = environment.Name,
            Family = family,
            Keep = keep,
            Kept = [.. active.Where(a => reasons[a] != KeepReasons.None).Select(a => new KeptRevision(a, reasons[a]))],
            Deregister = [.. active.Where(a => reasons[a] == KeepReasons.None)],
        };
    }

    /// <summary>
    /// Plans, then (unless <paramref name="dryRun"/>) deregisters, oldest first, reporting each revision as it goes.
    /// </summary>
    public async Task<CleanupResult> RunAsync(int keep, bool dryRun, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(keep, cancellationToken).ConfigureAwait(false);
        progress?.Report(new CleanupPlanned(context.Time.GetUtcNow(), plan, dryRun));
        if (dryRun)
        {
            return new CleanupResult(plan, [], DryRun: true);
        }

        var done = new List<string>();
        foreach (var arn in plan.Deregister.Reverse())
        {
            await ecs.DeregisterTaskDefinitionAsync(arn, cancellationToken).ConfigureAwait(false);
            done.Add(arn);
            progress?.Report(new TaskDefinitionDeregistered(context.Time.GetUtcNow(), arn));
        }

        return new CleanupResult(plan, done, DryRun: false);
    }

    /// <summary>The task definitions of the service deployments that are not over: their targets and sources.</summary>
    private async Task<IReadOnlyList<string>> InProgressAsync(string cluster, string service, CancellationToken cancellationToken)
    {
        try
        {
            var deployments = new List<string>();
            await foreach (var deployment in ecs.ListServiceDeploymentsAsync(cluster, service, DeploymentGuard.ActiveStatuses, cancellationToken).ConfigureAwait(false))
            {
                if (deployment.Arn is { } arn)
                {
                    deployments.Add(arn);
                }
            }

            if (deployments.Count == 0)
            {
                return [];
            }

            var described = await ecs.DescribeServiceDeploymentsAsync(deployments, cancellationToken).ConfigureAwait(false);
            var revisions = described.Items
                .SelectMany(d => d.SourceServiceRevisions.Select(s => s.Arn).Append(d.TargetServiceRevisionArn))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (revisions.Count == 0)
            {
                return [];
            }

            var resolved = await ecs.DescribeServiceRevisionsAsync(revisions, cancellationToken).ConfigureAwait(false);
            return [.. resolved.Items.Select(r => r.TaskDefinition).OfType<string>()];
        }
        catch (AwsServiceException ex) when (ex.ErrorCode is "UnknownOperationException" or "InvalidAction" or "UnsupportedOperation" or "NotImplemented")
        {
            // An endpoint without the service-deployment APIs: the service's deployments[] already name what runs.
            return [];
        }
    }

    /// <summary>The task definitions of every task of the cluster that is to run (the service's, one-off tasks, migrations).</summary>
    private async Task<IReadOnlyList<string>> RunningTasksAsync(string cluster, CancellationToken cancellationToken)
    {
        var arns = new List<string>();
        await foreach (var arn in ecs.ListTasksAsync(cluster, desiredStatus: "RUNNING", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            arns.Add(arn);
        }

        if (arns.Count == 0)
        {
            return [];
        }

        var tasks = await ecs.DescribeTasksAsync(cluster, arns, cancellationToken).ConfigureAwait(false);
        return [.. tasks.Items.Select(t => t.TaskDefinitionArn).OfType<string>().Distinct(StringComparer.Ordinal)];
    }
}
