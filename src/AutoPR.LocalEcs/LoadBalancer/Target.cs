namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>A registered target: a task's address and port, its health-check streaks and in-flight requests.</summary>
public sealed class Target(string taskId, string host, int port)
{
    private int _inFlight;

    public string TaskId { get; } = taskId;

    public string Host { get; } = host;

    public int Port { get; } = port;

    public Uri BaseUri { get; } = new($"http://{host}:{port}/");

    public TargetHealthState State { get; set; } = TargetHealthState.Initial;

    public int ConsecutiveSuccesses { get; set; }

    public int ConsecutiveFailures { get; set; }

    public string? LastFailure { get; set; }

    /// <summary>The last health check found another process listening at the target's address: it never gets traffic, not even failing open.</summary>
    public bool ListenerIsForeign { get; set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);
}
