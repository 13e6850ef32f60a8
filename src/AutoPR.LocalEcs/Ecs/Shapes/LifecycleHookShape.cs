using System.Globalization;
using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Ecs.Shapes;

/// <summary>deploymentConfiguration.lifecycleHooks in and out. LocalEcs runs PAUSE hooks; it has no Lambda to invoke.</summary>
public static class LifecycleHookShape
{
    public static JsonArray ToJson(IEnumerable<LifecycleHookSettings> hooks) => [.. hooks.Select(ToJson)];

    public static List<LifecycleHookSettings> Parse(JsonArray hooks, JsonArgs request)
    {
        var result = new List<LifecycleHookSettings>();
        foreach (var (item, index) in hooks.Select((h, i) => (h, i)))
        {
            var field = $"deploymentConfiguration.lifecycleHooks[{index.ToString(CultureInfo.InvariantCulture)}]";
            if (item is not JsonObject json)
            {
                throw request.Invalid($"{field} must be an object.");
            }

            result.Add(Parse(new JsonArgs(json), request, field));
        }

        return result;
    }

    private static LifecycleHookSettings Parse(JsonArgs hook, JsonArgs request, string field)
    {
        // ECS's default target type is AWS_LAMBDA.
        var targetType = hook.Text("targetType") ?? "AWS_LAMBDA";
        if (targetType is not ("AWS_LAMBDA" or "PAUSE"))
        {
            throw request.Invalid($"{field}.targetType must be AWS_LAMBDA or PAUSE (got {targetType}).");
        }

        var stages = hook.Texts("lifecycleStages");
        if (stages.Count == 0)
        {
            throw request.Invalid($"{field}.lifecycleStages is required: name at least one of {string.Join(", ", LifecycleStages.Hookable.Order(StringComparer.Ordinal))}.");
        }

        if (stages.FirstOrDefault(s => !LifecycleStages.Hookable.Contains(s)) is { } unknown)
        {
            throw request.Invalid($"{field}.lifecycleStages: {unknown} is not a hookable stage; use {string.Join(", ", LifecycleStages.Hookable.Order(StringComparer.Ordinal))}.");
        }

        var timeout = hook.Nested("timeoutConfiguration");
        var minutes = timeout?.WholeNumber("timeoutInMinutes");
        if (minutes is < 1 or > 20160)
        {
            throw request.Invalid($"{field}.timeoutConfiguration.timeoutInMinutes must be between 1 and 20160 minutes (got {minutes}).");
        }

        var action = timeout?.Text("action");
        if (action is not (null or "CONTINUE" or "ROLLBACK"))
        {
            throw request.Invalid($"{field}.timeoutConfiguration.action must be CONTINUE or ROLLBACK (got {action}).");
        }

        if (targetType == "AWS_LAMBDA")
        {
            throw new AwsServiceException(
                "UnsupportedFeatureException",
                $"{field} is an AWS_LAMBDA hook, and LocalEcs cannot invoke Lambda functions. Use a PAUSE hook locally (targetType PAUSE) and go on with ContinueServiceDeployment.");
        }

        if (stages.FirstOrDefault(LifecycleStages.NotPausable.Contains) is { } notPausable)
        {
            throw request.Invalid($"{field}.lifecycleStages: a PAUSE hook cannot run at {notPausable} (only AWS_LAMBDA hooks can); use POST_TEST_TRAFFIC_SHIFT or PRE_PRODUCTION_TRAFFIC_SHIFT instead.");
        }

        return new LifecycleHookSettings
        {
            TargetType = targetType,
            HookTargetArn = hook.Text("hookTargetArn"),
            RoleArn = hook.Text("roleArn"),
            LifecycleStages = [.. stages],
            HookDetails = hook.Body["hookDetails"]?.DeepClone(),
            TimeoutInMinutes = minutes,
            TimeoutAction = action,
        };
    }

    private static JsonNode ToJson(LifecycleHookSettings hook)
    {
        var json = new JsonObject { ["targetType"] = hook.TargetType };
        if (hook.HookTargetArn is not null)
        {
            json["hookTargetArn"] = hook.HookTargetArn;
        }

        if (hook.RoleArn is not null)
        {
            json["roleArn"] = hook.RoleArn;
        }

        json["lifecycleStages"] = new JsonArray([.. hook.LifecycleStages.Select(s => (JsonNode)s)]);
        if (hook.HookDetails is not null)
        {
            json["hookDetails"] = hook.HookDetails.DeepClone();
        }

        if (hook.TimeoutInMinutes is not null || hook.TimeoutAction is not null)
        {
            var timeout = new JsonObject();
            if (hook.TimeoutInMinutes is { } minutes)
            {
                timeout["timeoutInMinutes"] = minutes;
            }

            if (hook.TimeoutAction is { } action)
            {
                timeout["action"] = action;
            }

            json["timeoutConfiguration"] = timeout;
        }

        return json;
    }
}
