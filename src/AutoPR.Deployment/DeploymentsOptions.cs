using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment;

/// <summary>How <see cref="Deployments.OpenAsync"/> wires the library for one environment.</summary>
public sealed record DeploymentsOptions
{
    /// <summary>Folder of the local state: the history mirror (history/ENV.jsonl) and the per-environment locks (locks/).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Folder of task-definition.json and service-definition.json.</summary>
    public required string TemplatesDirectory { get; init; }

    /// <summary>
    /// Change nothing anywhere: only read operations reach AWS, nothing is pushed, tagged, recorded or locked. What
    /// --dry-run means.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>How long a rollout may take; null: 30 minutes.</summary>
    public TimeSpan? RolloutTimeout { get; init; }

    /// <summary>
    /// Lines of each failing task's container log a failure shows next to its stopped reason and exit code
    /// (<see cref="Logs.FailingTaskLogs"/>); 0 reads no logs.
    /// </summary>
    public int FailureLogLines { get; init; } = Logs.FailingTaskLogs.DefaultLines;

    /// <summary>Where the library logs; null for nowhere.</summary>
    public ILoggerFactory? Loggers { get; init; }

    /// <summary>The clock (a fake one in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How the AWS clients are made (variables, credentials, transport); their clock, logger and read-only flag come from here.</summary>
    public AwsClientsOptions Aws { get; init; } = new();
}
