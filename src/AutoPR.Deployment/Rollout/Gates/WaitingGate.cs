using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Environments;

namespace AutoPR.Deployment.Rollout.Gates;

/// <summary>A service deployment waiting at a PAUSE lifecycle hook: what ./build.sh Continue acts on.</summary>
public sealed record WaitingGate(string ServiceDeploymentArn, string HookId, string Stage, string? TaskDefinitionArn, DateTimeOffset? ExpiresAt)
{
    /// <summary>
    /// The gate the environment's current service deployment waits at; throws <see cref="DeploymentRefusedException"/>
    /// (one line, nothing changed) when none waits.
    /// </summary>
    public static async Task<WaitingGate> FindAsync(EcsClient ecs, DeploymentEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        ArgumentNullException.ThrowIfNull(environment);
        var service = await ecs.DescribeServiceAsync(environment.Cluster, environment.Service, cancellationToken).ConfigureAwait(false);
        if (service is null || service.Status == "INACTIVE")
        {
            throw None($"service {environment.Service} does not exist in cluster {environment.Cluster}");
        }

        if (service.CurrentServiceDeployment is not { } arn)
        {
            throw None($"service {environment.Service} reports no service deployment");
        }

        var described = await ecs.DescribeServiceDeploymentsAsync([arn], cancellationToken).ConfigureAwait(false);
        var deployment = described.Items.Count > 0 ? described.Items[0] : null;
        if (deployment is not { Status: "IN_PROGRESS", WaitingHook: { HookId: { } hookId } hook })
        {
            var state = deployment is null ? "cannot be described" : $"is {deployment.Status}{(deployment.LifecycleStage is { } stage ? " at " + stage : string.Empty)}";
            throw None($"the latest deployment of {environment.Service} {state}");
        }

        return new WaitingGate(arn, hookId, deployment.LifecycleStage ?? "?", service.TaskDefinition, hook.ExpiresAt);

        DeploymentRefusedException None(string why) => new(RefusalReason.NoGateWaiting,
            $"nothing waits for approval in {environment.Name}: {why}; nothing was changed. A deployment waits only at a PAUSE lifecycle hook (deployment.lifecycleHooks)");
    }
}
