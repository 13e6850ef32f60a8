using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Ecs.Shapes;

/// <summary>deploymentConfiguration in and out.</summary>
public static class DeploymentSettingsShape
{
    public static JsonObject ToJson(DeploymentSettings settings)
    {
        var json = new JsonObject
        {
            ["deploymentCircuitBreaker"] = new JsonObject
            {
                ["enable"] = settings.CircuitBreakerEnabled,
                ["rollback"] = settings.CircuitBreakerRollback,
            },
            ["maximumPercent"] = settings.MaximumPercent,
            ["minimumHealthyPercent"] = settings.MinimumHealthyPercent,
            ["strategy"] = settings.Strategy,
        };
        if (settings.BakeTimeInMinutes is { } bake)
        {
            json["bakeTimeInMinutes"] = bake;
        }

        // Each strategy's own settings only, as ECS echoes them.
        if (settings is { Strategy: "CANARY", Canary: { } canary })
        {
            json["canaryConfiguration"] = TrafficShiftSettingsShape.ToJson(canary);
        }

        if (settings is { Strategy: "LINEAR", Linear: { } linear })
        {
            json["linearConfiguration"] = TrafficShiftSettingsShape.ToJson(linear);
        }

        if (settings.LifecycleHooks.Count > 0)
        {
            json["lifecycleHooks"] = LifecycleHookShape.ToJson(settings.LifecycleHooks);
        }

        if (settings.Alarms is { } alarms)
        {
            json["alarms"] = new JsonObject
            {
                ["alarmNames"] = new JsonArray([.. alarms.AlarmNames.Select(n => (JsonNode)JsonValue.Create(n))]),
                ["enable"] = alarms.Enable,
                ["rollback"] = alarms.Rollback,
            };
        }

        return json;
    }

    /// <summary>Applies a request's deploymentConfiguration over <paramref name="current"/>.</summary>
    public static DeploymentSettings Merge(DeploymentSettings current, JsonArgs? request)
    {
        if (request is null)
        {
            return current;
        }

        var breaker = request.Nested("deploymentCircuitBreaker");
        var strategy = request.Text("strategy") ?? current.Strategy;
        if (strategy is not ("ROLLING" or "BLUE_GREEN" or "CANARY" or "LINEAR"))
        {
            throw request.Invalid($"deploymentConfiguration.strategy {strategy} is not a strategy; use ROLLING, BLUE_GREEN, CANARY or LINEAR.");
        }

        var settings = current with
        {
            MinimumHealthyPercent = request.WholeNumber("minimumHealthyPercent") ?? current.MinimumHealthyPercent,
            MaximumPercent = request.WholeNumber("maximumPercent") ?? current.MaximumPercent,
            CircuitBreakerEnabled = breaker?.Flag("enable") ?? current.CircuitBreakerEnabled,
            CircuitBreakerRollback = breaker?.Flag("rollback") ?? current.CircuitBreakerRollback,
            Strategy = strategy,
            BakeTimeInMinutes = request.WholeNumber("bakeTimeInMinutes") ?? current.BakeTimeInMinutes,
            Canary = TrafficShiftSettingsShape.MergeCanary(current.Canary, request, strategy),
            Linear = TrafficShiftSettingsShape.MergeLinear(current.Linear, request, strategy),
            LifecycleHooks = request.Array("lifecycleHooks") is { } hooks ? LifecycleHookShape.Parse(hooks, request) : current.LifecycleHooks,
            Alarms = request.Nested("alarms") is { } alarms ? ParseAlarms(alarms) : current.Alarms,
        };
        if (settings.MinimumHealthyPercent is < 0 or > 100)
        {
            throw request.Invalid("deploymentConfiguration.minimumHealthyPercent must be between 0 and 100.");
        }

        if (settings.MaximumPercent < 100 || settings.MaximumPercent < settings.MinimumHealthyPercent)
        {
            throw request.Invalid("deploymentConfiguration.maximumPercent must be at least 100 and at least minimumHealthyPercent.");
        }

        if (settings.BakeTimeInMinutes is < 0 or > 1440)
        {
            throw request.Invalid("deploymentConfiguration.bakeTimeInMinutes must be between 0 and 1440.");
        }

        return settings;
    }

    /// <summary>DeploymentAlarms: alarmNames, enable and rollback are all required, as ECS's model says.</summary>
    private static DeploymentAlarmSettings ParseAlarms(JsonArgs alarms)
    {
        if (!alarms.Has("alarmNames") || alarms.Flag("enable") is not { } enable || alarms.Flag("rollback") is not { } rollback)
        {
            throw alarms.Invalid("deploymentConfiguration.alarms needs alarmNames, enable and rollback.");
        }

        var names = alarms.Texts("alarmNames");
        if (names.Any(string.IsNullOrWhiteSpace))
        {
            throw alarms.Invalid("deploymentConfiguration.alarms.alarmNames must not contain empty names.");
        }

        return new DeploymentAlarmSettings { AlarmNames = [.. names], Enable = enable, Rollback = rollback };
    }
}
