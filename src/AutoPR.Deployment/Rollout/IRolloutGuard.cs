namespace AutoPR.Deployment.Rollout;

/// <summary>
/// Judges a new revision while its rollout still runs, from the traffic its first tasks already serve. In a rolling
/// deployment users reach the new tasks seconds before ECS calls the rollout complete; a breach found here ends the
/// watch at once, while the deployment is still in progress, so the rollback is a StopServiceDeployment.
/// </summary>
public interface IRolloutGuard
{
    /// <summary>
    /// Called once when the watch of a rollout to <paramref name="taskDefinitionArn"/> begins, before its tasks
    /// start: the old revision still serves, which is what the new one will be compared with.
    /// </summary>
    void Begin(string taskDefinitionArn);

    /// <summary>
    /// Called on each poll once the new revision has a running task (<paramref name="since"/>: when that was first
    /// seen). Returns why the rollout must stop, or null to go on. Decides its own pace: most calls return at once.
    /// </summary>
    Task<string?> CheckAsync(DateTimeOffset since, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the new revision has answered often enough on every route it is judged on for a verdict there: the
    /// test-traffic gate holds production traffic back until then.
    /// </summary>
    bool HasJudgedEveryRoute();
}
