namespace AutoPR.Deployment.Rollout;

/// <summary>How <see cref="EcsDeployer"/> watches a rollout (its clock, logger and lock come from the <see cref="DeploymentContext"/>).</summary>
public sealed record EcsDeployerOptions
{
    /// <summary>How often the rollout is polled (start to start).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often it is polled once every new task runs and ECS only stops the old ones (rolling): the end is near, and
    /// is seen at most this long after ECS reaches it. Such a poll is one DescribeServices call.
    /// </summary>
    public TimeSpan FinishingPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often the service is described while its end is known to be far: with deployment alarms, ECS holds a
    /// rolling deployment for an alarm bake after the old tasks stop. The rollout guard is still asked every
    /// <see cref="PollInterval"/>.
    /// </summary>
    public TimeSpan BakePollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest DescribeServiceDeployments is skipped while DescribeServices shows nothing new.</summary>
    public TimeSpan ServiceDeploymentRefresh { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a rollout may take before it counts as timed out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
}
