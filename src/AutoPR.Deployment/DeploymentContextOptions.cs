using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment;

/// <summary>How a <see cref="DeploymentContext"/> keeps time, logs and locks.</summary>
public sealed record DeploymentContextOptions
{
    /// <summary>The clock (a fake one in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the library logs; null for nowhere.</summary>
    public ILoggerFactory? Loggers { get; init; }

    /// <summary>Folder of the per-environment lock files (one deployment per environment on this machine); null for none.</summary>
    public string? LockDirectory { get; init; }

    /// <summary>A dry run: the history is read but never written, and no lock is taken.</summary>
    public bool DryRun { get; init; }
}
