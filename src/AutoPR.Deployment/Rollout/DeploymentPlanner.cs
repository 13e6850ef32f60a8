using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Diff;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Templates;

namespace AutoPR.Deployment.Rollout;

/// <summary>
/// Builds a <see cref="DeploymentPlan"/> with read-only calls: DescribeServices, then DescribeTaskDefinition of the
/// running revision, and of the family's latest ACTIVE revision only when the running one differs. A re-deploy of
/// what runs therefore costs two calls.
/// </summary>
public sealed class DeploymentPlanner(EcsClient ecs)
{
    /// <summary>Reads what runs and compares it with <paramref name="rendered"/>.</summary>
    public async Task<DeploymentPlan> PlanAsync(RenderedDeployment rendered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var service = await ecs.DescribeServiceAsync(rendered.Cluster, rendered.ServiceName, cancellationToken).ConfigureAwait(false);
        if (service?.Status is "INACTIVE")
        {
            service = null;
        }

        EcsTaskDefinitionView? running = null;
        if (service?.TaskDefinition is { } runningArn)
        {
            running = await ecs.DescribeTaskDefinitionAsync(runningArn, cancellationToken).ConfigureAwait(false);
        }

        string? reusable = null;
        EcsTaskDefinitionView? compared = running;
        if (running is not null && string.Equals(running.Family, rendered.Family, StringComparison.Ordinal) &&
            running.Status is null or "ACTIVE" && DefinitionComparer.SameTaskDefinition(rendered.TaskDefinition, running.Json))
        {
            reusable = running.Arn;
        }
        else
        {
            var latest = await DescribeLatestAsync(rendered.Family, cancellationToken).ConfigureAwait(false);
            if (latest is { Status: null or "ACTIVE" } && DefinitionComparer.SameTaskDefinition(rendered.TaskDefinition, latest.Json))
            {
                reusable = latest.Arn;
            }

            compared ??= latest;
        }

        return new DeploymentPlan
        {
            Rendered = rendered,
            Service = service,
            Running = running,
            ReusableTaskDefinitionArn = reusable,
            TaskDefinitionDiff = DefinitionComparer.CompareTaskDefinition(rendered.TaskDefinition, compared),
            ServiceDiff = DefinitionComparer.CompareService(rendered.ServiceDefinition, service),
            InProgress = service?.Deployments.Where(d => d.RolloutState == "IN_PROGRESS").ToList() ?? [],
        };
    }

    // DescribeTaskDefinition with a bare family answers its latest ACTIVE revision; a family never registered is a ClientException.
    private async Task<EcsTaskDefinitionView?> DescribeLatestAsync(string family, CancellationToken cancellationToken)
    {
        try
        {
            return await ecs.DescribeTaskDefinitionAsync(family, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode is "ClientException" or "InvalidParameterException")
        {
            return null;
        }
    }
}
