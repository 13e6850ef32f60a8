using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment.Rollout;

/// <summary>How <see cref="EcsDeployer"/> waits and where it keeps its local lock.</summary>
public sealed record EcsDeployerOptions
{
    /// <summary>The clock (a fake one in tests, so they never sleep).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How often the rollout is polled; the end is seen at most this long after ECS reaches it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a rollout may take before it counts as timed out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Folder of the per-environment lock files (one deployment per environment on this machine); null for none.</summary>
    public string? LockDirectory { get; init; }

    /// <summary>Where the deployer logs.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
