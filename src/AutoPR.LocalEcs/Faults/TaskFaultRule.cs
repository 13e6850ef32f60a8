namespace AutoPR.LocalEcs.Faults;

/// <summary>
/// Misbehaviour for the next tasks of a service, injected as AutoPR.Service fault environment variables,
/// so that a real container really crashes, fails health checks, starts slowly or answers 5xx/slowly.
/// </summary>
/// <param name="Cluster">Cluster name.</param>
/// <param name="Service">Service name.</param>
/// <param name="CrashOnStartSeconds">AUTOPR_FAULT_CRASH_ON_START: exit code 3 after that many seconds.</param>
/// <param name="Unhealthy">AUTOPR_FAULT_UNHEALTHY: /health answers 503.</param>
/// <param name="StartDelaySeconds">AUTOPR_FAULT_START_DELAY_SECONDS: sleep before listening.</param>
/// <param name="ErrorRate">AUTOPR_FAULT_ERROR_RATE: fraction of work requests answered 500.</param>
/// <param name="LatencyMs">AUTOPR_FAULT_LATENCY_MS: added to each work request.</param>
/// <param name="RemainingTasks">How many more tasks get the fault; null for every task until cleared.</param>
public sealed record TaskFaultRule(
    string Cluster,
    string Service,
    double? CrashOnStartSeconds,
    bool? Unhealthy,
    double? StartDelaySeconds,
    double? ErrorRate,
    int? LatencyMs,
    int? RemainingTasks)
{
    public IReadOnlyDictionary<string, string> ToEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (CrashOnStartSeconds is { } crash)
        {
            env["AUTOPR_FAULT_CRASH_ON_START"] = Format(crash);
        }

        if (Unhealthy is true)
        {
            env["AUTOPR_FAULT_UNHEALTHY"] = "true";
        }

        if (StartDelaySeconds is { } delay)
        {
            env["AUTOPR_FAULT_START_DELAY_SECONDS"] = Format(delay);
        }

        if (ErrorRate is { } rate)
        {
            env["AUTOPR_FAULT_ERROR_RATE"] = Format(rate);
        }

        if (LatencyMs is { } latency)
        {
            env["AUTOPR_FAULT_LATENCY_MS"] = latency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return env;
    }

    private static string Format(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
