namespace AutoPR.Service.Configuration;

/// <summary>
/// How the service stops on SIGTERM. Drain: readiness answers 503 while requests are still served, so a
/// load balancer takes the task out before it stops listening. Timeout: the whole stop budget (drain
/// included) before in-flight requests are cut; 25 s stays inside ECS's default 30 s stopTimeout.
/// </summary>
internal sealed record ShutdownSettings(TimeSpan Drain, TimeSpan Timeout)
{
    public const string DrainVariable = "SHUTDOWN_DRAIN_SECONDS";
    public const string TimeoutVariable = "SHUTDOWN_TIMEOUT_SECONDS";

    public static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(25);

    public static ShutdownSettings Read(SettingReader settings)
    {
        var drain = settings.GetSeconds(DrainVariable, DefaultDrain, 600, "2");
        var timeout = settings.GetSeconds(TimeoutVariable, DefaultTimeout, 3600, "25");
        if (timeout <= drain)
        {
            throw new InvalidSettingException(
                $"{TimeoutVariable}={timeout.TotalSeconds} must be greater than {DrainVariable}={drain.TotalSeconds}: the drain is part of the shutdown budget; raise the timeout or shorten the drain.");
        }

        return new ShutdownSettings(drain, timeout);
    }
}
