using System.Text.Json.Nodes;
using AutoPR.Deployment.Environments;

namespace AutoPR.Deployment.Templates;

/// <summary>
/// The deploymentConfiguration members of BLUE_GREEN, CANARY and LINEAR: the strategy's own configuration and the
/// lifecycle hooks, with the test-traffic gate (a PAUSE hook at POST_TEST_TRAFFIC_SHIFT that DeployEcs continues
/// once the smoke checks pass) added when the environment has a test listener.
/// </summary>
public static class TrafficShiftValues
{
    /// <summary>The stage at which the new revision answers on the test listener only.</summary>
    public const string SmokeCheckStage = "POST_TEST_TRAFFIC_SHIFT";

    public static JsonObject? CanaryConfiguration(DeploymentSettings deployment) => deployment.Strategy != DeploymentStrategy.Canary
        ? null
        : new JsonObject { ["canaryPercent"] = deployment.Canary.Percent, ["canaryBakeTimeInMinutes"] = deployment.Canary.BakeTimeMinutes };

    public static JsonObject? LinearConfiguration(DeploymentSettings deployment) => deployment.Strategy != DeploymentStrategy.Linear
        ? null
        : new JsonObject { ["stepPercent"] = deployment.Linear.StepPercent, ["stepBakeTimeInMinutes"] = deployment.Linear.StepBakeTimeMinutes };

    /// <summary>The hooks to render, or null for none.</summary>
    public static JsonArray? LifecycleHooks(DeploymentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var deployment = environment.Deployment;
        if (!deployment.ShiftsTraffic)
        {
            return null;
        }

        var hooks = new JsonArray();
        foreach (var hook in deployment.LifecycleHooks)
        {
            hooks.Add((JsonNode)Hook(hook));
        }

        var userGate = deployment.LifecycleHooks.Any(h => h.Type == LifecycleHookType.Pause && h.Stages.Contains(SmokeCheckStage, StringComparer.Ordinal));
        if (environment.SmokeCheckUrl is not null && !userGate)
        {
            hooks.Add((JsonNode)Hook(new LifecycleHookSettings
            {
                Type = LifecycleHookType.Pause,
                Stages = [SmokeCheckStage],
                TimeoutMinutes = environment.Verification.SmokeChecks.TimeoutMinutes,
                TimeoutAction = LifecycleHookAction.Rollback,
            }));
        }

        return hooks.Count == 0 ? null : hooks;
    }

    private static JsonObject Hook(LifecycleHookSettings hook)
    {
        var json = new JsonObject { ["targetType"] = hook.TypeName };
        if (hook.FunctionArn is not null)
        {
            json["hookTargetArn"] = hook.FunctionArn;
        }

        if (hook.RoleArn is not null)
        {
            json["roleArn"] = hook.RoleArn;
        }

        json["lifecycleStages"] = new JsonArray([.. hook.Stages.Select(s => (JsonNode)JsonValue.Create(s))]);
        if (hook.Details is not null)
        {
            json["hookDetails"] = hook.Details.DeepClone();
        }

        json["timeoutConfiguration"] = new JsonObject { ["timeoutInMinutes"] = hook.TimeoutMinutes, ["action"] = hook.TimeoutActionName };
        return json;
    }
}
