using AutoPR.Deployment.Environments;

namespace AutoPR.Deployment.Verification.Probes;

/// <summary>One URL the probes ask, the route it counts under, and the status a good answer has.</summary>
public sealed record ProbeTarget(Uri Url, string Route, int ExpectedStatus)
{
    /// <summary>
    /// The environment's own URLs: every route on the health URL's origin (the listener locally, the public URL on
    /// AWS) and, in BLUE_GREEN, CANARY and LINEAR, on the test listener too. The routes are the health URL's path, /version and the
    /// environment's probe routes; routes are paths, so no probe can leave these origins.
    /// </summary>
    public static IReadOnlyList<ProbeTarget> Of(DeploymentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var origins = new List<Uri> { Origin(environment.HealthUrl) };
        if (environment.Deployment.ShiftsTraffic && environment.LoadBalancer.TestListenerUrl is { } test)
        {
            origins.Add(Origin(test));
        }

        var routes = new List<(string Path, int Status)> { (environment.HealthUrl.PathAndQuery, 200), ("/version", 200) };
        routes.AddRange(environment.Verification.Probes.Routes.Select(r => (r.Path, r.ExpectedStatus)));
        return [.. routes.DistinctBy(r => r.Path, StringComparer.Ordinal)
            .SelectMany(route => origins.Select(origin => new ProbeTarget(new Uri(origin, route.Path), route.Path, route.Status)))];
    }

    private static Uri Origin(Uri url) => new(url.GetLeftPart(UriPartial.Authority) + "/");
}
