using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Ecs.Shapes;

/// <summary>deploymentConfiguration's canaryConfiguration and linearConfiguration in and out, with ECS's ranges.</summary>
public static class TrafficShiftSettingsShape
{
    public static JsonObject ToJson(CanarySettings canary) => new()
    {
        ["canaryPercent"] = canary.CanaryPercent,
        ["canaryBakeTimeInMinutes"] = canary.CanaryBakeTimeInMinutes,
    };

    public static JsonObject ToJson(LinearSettings linear) => new()
    {
        ["stepPercent"] = linear.StepPercent,
        ["stepBakeTimeInMinutes"] = linear.StepBakeTimeInMinutes,
    };

    /// <summary>The request's canaryConfiguration over the current one (ECS's defaults when there is none).</summary>
    public static CanarySettings? MergeCanary(CanarySettings? current, JsonArgs request, string strategy)
    {
        var json = request.Nested("canaryConfiguration");
        if (json is null)
        {
            return strategy == "CANARY" ? current ?? new CanarySettings() : current;
        }

        var basis = current ?? new CanarySettings();
        var canary = new CanarySettings
        {
            CanaryPercent = json.Number("canaryPercent") ?? basis.CanaryPercent,
            CanaryBakeTimeInMinutes = json.WholeNumber("canaryBakeTimeInMinutes") ?? basis.CanaryBakeTimeInMinutes,
        };
        Percent(request, "canaryConfiguration.canaryPercent", canary.CanaryPercent, 0.1);
        Minutes(request, "canaryConfiguration.canaryBakeTimeInMinutes", canary.CanaryBakeTimeInMinutes);
        return canary;
    }

    /// <summary>The request's linearConfiguration over the current one (ECS's defaults when there is none).</summary>
    public static LinearSettings? MergeLinear(LinearSettings? current, JsonArgs request, string strategy)
    {
        var json = request.Nested("linearConfiguration");
        if (json is null)
        {
            return strategy == "LINEAR" ? current ?? new LinearSettings() : current;
        }

        var basis = current ?? new LinearSettings();
        var linear = new LinearSettings
        {
            StepPercent = json.Number("stepPercent") ?? basis.StepPercent,
            StepBakeTimeInMinutes = json.WholeNumber("stepBakeTimeInMinutes") ?? basis.StepBakeTimeInMinutes,
        };
        Percent(request, "linearConfiguration.stepPercent", linear.StepPercent, 3.0);
        Minutes(request, "linearConfiguration.stepBakeTimeInMinutes", linear.StepBakeTimeInMinutes);
        return linear;
    }

    private static void Percent(JsonArgs request, string field, double value, double minimum)
    {
        // ECS takes multiples of 0.1 only; the tolerance absorbs binary fractions such as 33.3.
        var tenths = value * 10;
        if (value < minimum || value > 100.0 || Math.Abs(tenths - Math.Round(tenths)) > 1e-6)
        {
            throw request.Invalid($"deploymentConfiguration.{field} must be a multiple of 0.1 from {minimum:0.0} to 100.0 (got {value}).");
        }
    }

    private static void Minutes(JsonArgs request, string field, int value)
    {
        if (value is < 0 or > 1440)
        {
            throw request.Invalid($"deploymentConfiguration.{field} must be between 0 and 1440 minutes (got {value}).");
        }
    }
}
