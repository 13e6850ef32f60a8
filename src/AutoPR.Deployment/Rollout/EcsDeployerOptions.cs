using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment.Rollout;

/// <summary>How <see cref="EcsDeployer"/> waits and where it keeps its local lock.</summary>
public sealed record EcsDeployerOptions
{
    /// <summary>The clock (a fake one in tests, so they never sleep).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How often the rollout is polled (start to start).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often it is polled once every new task runs and ECS only stops the old ones (rolling): the end is near, and
    /// is seen at most this long after ECS reaches it. Such a poll is one DescribeServices call.
    /// </summary>
    public TimeSpan FinishingPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest DescribeServiceDeployments is skipped while DescribeServices shows nothing new.</summary>
    public TimeSpan ServiceDeploymentRefresh { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a rollout may take before it counts as timed out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Folder of the per-environment lock files (one deployment per environment on this machine); null for none.</summary>
    public string? LockDirectory { get; init; }

    /// <summary>Where the deployer logs.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
