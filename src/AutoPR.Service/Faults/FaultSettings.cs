using AutoPR.Service.Configuration;

namespace AutoPR.Service.Faults;

/// <summary>
/// Misbehaviour on request, so deployments can be tested against a real failing container.
/// All off by default; LocalEcs and task definitions set these variables.
/// </summary>
internal sealed record FaultSettings(
    TimeSpan? CrashOnStartAfter,
    bool Unhealthy,
    TimeSpan StartDelay,
    double ErrorRate,
    TimeSpan Latency,
    TimeSpan RequestFaultsAfter = default,
    IReadOnlyList<string>? Routes = null)
{
    public const string CrashOnStartVariable = "AUTOPR_FAULT_CRASH_ON_START";
    public const string UnhealthyVariable = "AUTOPR_FAULT_UNHEALTHY";
    public const string StartDelayVariable = "AUTOPR_FAULT_START_DELAY_SECONDS";
    public const string ErrorRateVariable = "AUTOPR_FAULT_ERROR_RATE";
    public const string LatencyVariable = "AUTOPR_FAULT_LATENCY_MS";

    /// <summary>The error rate and latency start this long after the process started: a release that degrades while it serves.</summary>
    public const string RequestFaultsAfterVariable = "AUTOPR_FAULT_AFTER_SECONDS";

    /// <summary>Comma-separated request paths the error rate and latency apply to (unset: every route not exempt): a release that breaks one route.</summary>
    public const string RoutesVariable = "AUTOPR_FAULT_ROUTES";

    public static readonly FaultSettings None = new(null, false, TimeSpan.Zero, 0, TimeSpan.Zero);

    public static FaultSettings Read(SettingReader settings) => new(
        settings.GetString(CrashOnStartVariable) is null ? null : settings.GetSeconds(CrashOnStartVariable, TimeSpan.Zero, 86_400, "5"),
        settings.GetFlag(UnhealthyVariable),
        settings.GetSeconds(StartDelayVariable, TimeSpan.Zero, 3_600, "10"),
        settings.GetNumber(ErrorRateVariable, 0, 0, 1, "0.25"),
        TimeSpan.FromMilliseconds(settings.GetInteger(LatencyVariable, 0, 0, 600_000, "500")),
        settings.GetSeconds(RequestFaultsAfterVariable, TimeSpan.Zero, 86_400, "30"),
        ReadRoutes(settings));

    /// <summary>Whether the request faults apply to <paramref name="path"/>.</summary>
    public bool AppliesTo(string path) => Routes is not { Count: > 0 } routes || routes.Contains(path, StringComparer.Ordinal);

    /// <summary>Names the active faults for the startup log, so a misbehaving task explains itself.</summary>
    public IReadOnlyList<string> Describe()
    {
        var active = new List<string>();
        if (CrashOnStartAfter is { } crash)
        {
            active.Add($"{CrashOnStartVariable}={crash.TotalSeconds}");
        }

        if (Unhealthy)
        {
            active.Add($"{UnhealthyVariable}=true");
        }

        if (StartDelay > TimeSpan.Zero)
        {
            active.Add($"{StartDelayVariable}={StartDelay.TotalSeconds}");
        }

        if (ErrorRate > 0)
        {
            active.Add($"{ErrorRateVariable}={ErrorRate}");
        }

        if (Latency > TimeSpan.Zero)
        {
            active.Add($"{LatencyVariable}={Latency.TotalMilliseconds}");
        }

        if (RequestFaultsAfter > TimeSpan.Zero)
        {
            active.Add($"{RequestFaultsAfterVariable}={RequestFaultsAfter.TotalSeconds}");
        }

        if (Routes is { Count: > 0 } routes)
        {
            active.Add($"{RoutesVariable}={string.Join(',', routes)}");
        }

        return active;
    }

    private static string[]? ReadRoutes(SettingReader settings)
    {
        if (settings.GetString(RoutesVariable) is not { } raw)
        {
            return null;
        }

        var routes = raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return routes.Length > 0 && routes.All(r => r.StartsWith('/'))
            ? routes
            : throw SettingReader.Invalid(RoutesVariable, raw, "comma-separated paths that start with / (e.g. /,/api/instance)");
    }
}
