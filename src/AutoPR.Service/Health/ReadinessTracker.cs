namespace AutoPR.Service.Health;

internal enum ReadinessState
{
    /// <summary>The host is starting; the server may not listen yet.</summary>
    Starting,

    /// <summary>Started and serving: a load balancer may send traffic.</summary>
    Ready,

    /// <summary>Shutting down: requests are still served, but no new traffic should come.</summary>
    Draining,
}

/// <summary>Where the service is in its life, as /health/ready reports it. Thread-safe.</summary>
internal sealed class ReadinessTracker
{
    private int _state = (int)ReadinessState.Starting;

    public ReadinessState State => (ReadinessState)Volatile.Read(ref _state);

    /// <summary>Starting becomes Ready; a drain that began during startup stays a drain.</summary>
    public void MarkReady() => Interlocked.CompareExchange(ref _state, (int)ReadinessState.Ready, (int)ReadinessState.Starting);

    /// <summary>Turns readiness false; returns false when a drain had already begun (a second stop must not drain again).</summary>
    public bool BeginDraining() => Interlocked.Exchange(ref _state, (int)ReadinessState.Draining) != (int)ReadinessState.Draining;
}
