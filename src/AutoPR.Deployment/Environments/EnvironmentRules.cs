using System.Net;
using AutoPR.Deployment.Aws.Credentials;

namespace AutoPR.Deployment.Environments;

/// <summary>
/// The rules a JSON Schema cannot state clearly: cross-field consistency and the loopback-only promise of the
/// local credentials. Each returns "PATH: PROBLEM; fix: FIX" or nothing.
/// </summary>
internal static class EnvironmentRules
{
    public static IEnumerable<string> Check(DeploymentEnvironment environment, string expectedName)
    {
        if (environment.Name != expectedName)
        {
            yield return $"$.name: \"{environment.Name}\" differs from the file name; fix: set it to \"{expectedName}\" or rename the file";
        }

        var deployment = environment.Deployment;
        if (deployment.MinimumHealthyPercent > deployment.MaximumPercent)
        {
            yield return $"$.deployment.minimumHealthyPercent: {deployment.MinimumHealthyPercent} is above maximumPercent {deployment.MaximumPercent}; fix: keep minimumHealthyPercent <= maximumPercent";
        }

        var loadBalancer = environment.LoadBalancer;
        if (loadBalancer.TargetGroupArn is null && loadBalancer.ListenerUrl is null)
        {
            yield return "$.loadBalancer: neither targetGroupArn nor listenerUrl; fix: set targetGroupArn (AWS) or listenerUrl (local stand-in)";
        }

        foreach (var line in TrafficShiftRules.Check(environment).Concat(DatabaseRules.Check(environment)).Concat(AlarmRules.Check(environment)))
        {
            yield return line;
        }

        if (environment.Aws.Credentials == AwsCredentialMode.Local)
        {
            foreach (var line in CheckLoopbackOnly(environment))
            {
                yield return line;
            }
        }
    }

    // Local credentials are public and fixed: an environment using them must never reach anything but loopback.
    private static IEnumerable<string> CheckLoopbackOnly(DeploymentEnvironment environment)
    {
        foreach (var service in new[] { "ecs", "ecr", "cloudwatch" })
        {
            if (!environment.Aws.Endpoints.TryGetValue(service, out var endpoint))
            {
                yield return $"$.aws.endpoints.{service}: missing, and credentials \"local\" need an explicit local endpoint; fix: add e.g. \"http://127.0.0.1:4566\"";
            }
            else if (!IsLoopback(endpoint.Host))
            {
                yield return $"$.aws.endpoints.{service}: {endpoint} is not a loopback address; fix: point it at the local stand-in on 127.0.0.1, or use credentials \"default\"";
            }
        }

        foreach (var (name, endpoint) in environment.Aws.Endpoints)
        {
            if (!IsLoopback(endpoint.Host) && name is not ("ecs" or "ecr" or "cloudwatch"))
            {
                yield return $"$.aws.endpoints.{name}: {endpoint} is not a loopback address; fix: point it at 127.0.0.1 or use credentials \"default\"";
            }
        }

        if (environment.Ecr.Registry is null || !IsLoopback(environment.Ecr.Registry.Split(':')[0]))
        {
            yield return "$.ecr.registry: a local environment needs a loopback registry; fix: set it to \"127.0.0.1:5000\"";
        }

        if (!IsLoopback(environment.HealthUrl.Host))
        {
            yield return $"$.healthUrl: {environment.HealthUrl} is not a loopback address; fix: use the local listener, e.g. http://127.0.0.1:8080/health";
        }

        if (environment.LoadBalancer.ListenerUrl is { } listener && !IsLoopback(listener.Host))
        {
            yield return $"$.loadBalancer.listenerUrl: {listener} is not a loopback address; fix: use e.g. http://127.0.0.1:8080";
        }
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
