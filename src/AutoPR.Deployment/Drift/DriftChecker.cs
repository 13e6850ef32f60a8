using AutoPR.Deployment.Diff;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Templates;
using AutoPR.Images;

namespace AutoPR.Deployment.Drift;

/// <summary>
/// Compares what runs in an environment with what the repository says (its environment file and the templates), by
/// reading only: DescribeServices and DescribeTaskDefinition of the running revision. The templates are rendered with
/// the release that runs (its image, git commit, version and tag, read from the running task definition), so a newer
/// release that simply has not been deployed yet is not drift; a change of configuration is, whichever side made it.
/// </summary>
public sealed class DriftChecker(EcsClient ecs, DeploymentTemplates templates)
{
    /// <summary>Checks <paramref name="environment"/>; never changes anything.</summary>
    public async Task<DriftReport> CheckAsync(DeploymentEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var service = await ecs.DescribeServiceAsync(environment.Cluster, environment.Service, cancellationToken).ConfigureAwait(false);
        if (service is null or { Status: "INACTIVE" } || service.TaskDefinition is not { } runningArn)
        {
            return new DriftReport { Environment = environment.Name, Cluster = environment.Cluster, Service = environment.Service };
        }

        var running = await ecs.DescribeTaskDefinitionAsync(runningArn, cancellationToken).ConfigureAwait(false);
        var rendered = templates.Render(environment, RunningRelease(TaskDefinitionFacts.From(running.Json, environment.LoadBalancer.ContainerName)));
        return new DriftReport
        {
            Environment = environment.Name,
            Cluster = environment.Cluster,
            Service = environment.Service,
            RunningTaskDefinitionArn = runningArn,
            Image = rendered.Release.Image.Runnable,
            TaskDefinitionDiff = DefinitionComparer.CompareTaskDefinition(rendered.TaskDefinition, running),
            ServiceDiff = DefinitionComparer.CompareService(rendered.ServiceDefinition, service),
            DeploymentInProgress = service.Deployments.Any(d => d.RolloutState == "IN_PROGRESS"),
        };
    }

    /// <summary>
    /// The release the running revision carries. A revision this toolkit did not register may lack the image or the
    /// release variables: what is missing is rendered as "unknown", so the diff shows it instead of hiding it.
    /// </summary>
    private static ReleaseInfo RunningRelease(TaskDefinitionFacts facts)
    {
        const string Unknown = "unknown";
        var image = ImageReference.TryParse(facts.Image) ?? ImageReference.Unpinned(Unknown, Unknown, Unknown);
        return new ReleaseInfo
        {
            Image = image,
            GitSha = facts.GitSha ?? Unknown,
            Version = facts.Version ?? Unknown,
            ImageTag = facts.ImageTag,
        };
    }
}
