namespace AutoPR.LocalEcs.Tasks;

/// <summary>Everything Docker needs to start one task's containers.</summary>
public sealed record TaskLaunchSpec(string TaskId, string Address, IReadOnlyList<ContainerLaunchSpec> Containers, IReadOnlyDictionary<string, string> Labels);

/// <summary>One container of a task, resolved from its task definition.</summary>
public sealed record ContainerLaunchSpec(
    string Name,
    string Image,
    IReadOnlyList<string>? EntryPoint,
    IReadOnlyList<string>? Command,
    IReadOnlyDictionary<string, string> Environment,
    bool Essential,
    HealthCheckSpec? HealthCheck,
    long? NanoCpus,
    long? MemoryBytes,
    TimeSpan StopTimeout,
    string? User,
    string? WorkingDirectory);

/// <summary>A container health check in Docker's terms (test as ["CMD", ...] or ["CMD-SHELL", "..."]).</summary>
public sealed record HealthCheckSpec(IReadOnlyList<string> Test, TimeSpan Interval, TimeSpan Timeout, int Retries, TimeSpan StartPeriod);
