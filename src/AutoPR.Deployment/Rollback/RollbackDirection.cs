using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Rollback;

/// <summary>
/// Which task definition a service deployment leaves and which one its rollback goes back to. The service alone
/// cannot tell: once ECS rolls back, the revision it goes back to is the service's primary again, so a rollback
/// asked for then (say, after Ctrl-C stopped an automated one) would read the direction the wrong way round and
/// watch for the bad revision. The service deployment names both: its target revision and the revision it rolls
/// back to (rollback.serviceRevisionArn, or before ECS starts, the source revision with the most running tasks).
/// </summary>
/// <param name="Leaving">The task definition the service deployment rolled out (the one a rollback leaves).</param>
/// <param name="Back">The task definition a rollback returns to; null when there is none (a first deployment).</param>
internal sealed record RollbackDirection(string? Leaving, string? Back)
{
    /// <summary>Reads it from ECS; both null when ECS does not say (the caller then works it out from the service).</summary>
    public static async Task<RollbackDirection> ReadAsync(EcsClient ecs, EcsServiceDeploymentView active, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var details = (await ecs.DescribeServiceDeploymentsAsync([active.Arn!], cancellationToken).ConfigureAwait(false)).Items;
            var detail = details.Count > 0 ? details[0] : null;
            if (detail?.TargetServiceRevisionArn is not { } target)
            {
                return new RollbackDirection(null, null);
            }

            var back = detail.RollbackServiceRevisionArn ?? detail.SourceServiceRevisions.MaxBy(r => r.RunningTaskCount)?.Arn;
            var revisions = (await ecs.DescribeServiceRevisionsAsync(back is null ? [target] : [target, back], cancellationToken).ConfigureAwait(false)).Items;
            return new RollbackDirection(TaskDefinitionOf(revisions, target), back is null ? null : TaskDefinitionOf(revisions, back));
        }
        catch (AwsServiceException ex)
        {
            // Only a label and a watch target depend on it; a deploy role without the newer permissions still rolls back.
            logger.LogDirectionUnknown(active.Arn!, ex.ErrorMessage);
            return new RollbackDirection(null, null);
        }
    }

    private static string? TaskDefinitionOf(IEnumerable<EcsServiceRevisionView> revisions, string arn) =>
        revisions.FirstOrDefault(r => string.Equals(r.Arn, arn, StringComparison.Ordinal))?.TaskDefinition;
}
