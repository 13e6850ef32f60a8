namespace AutoPR.Deployment.Environments;

/// <summary>
/// The rules of BLUE_GREEN, CANARY and LINEAR that a JSON Schema cannot state: what ECS needs to shift traffic, what
/// the smoke checks need, and ECS's 0.1 % granularity. Each returns "PATH: PROBLEM; fix: FIX".
/// </summary>
internal static class TrafficShiftRules
{
    public static IEnumerable<string> Check(DeploymentEnvironment environment)
    {
        var deployment = environment.Deployment;
        var loadBalancer = environment.LoadBalancer;
        var strategy = deployment.StrategyName;
        if (deployment.ShiftsTraffic && loadBalancer.TargetGroupArn is not null)
        {
            foreach (var (name, value) in new[]
                     {
                         ("alternateTargetGroupArn", loadBalancer.AlternateTargetGroupArn),
                         ("productionListenerRuleArn", loadBalancer.ProductionListenerRuleArn),
                         ("roleArn", loadBalancer.RoleArn),
                     })
            {
                if (value is null)
                {
                    yield return $"$.loadBalancer.{name}: missing, and {strategy} needs it to shift traffic; fix: add it, or use deployment.strategy ROLLING";
                }
            }
        }

        if (deployment.ShiftsTraffic && loadBalancer.TestListenerUrl is not null && loadBalancer.TargetGroupArn is not null && loadBalancer.TestListenerRuleArn is null)
        {
            yield return "$.loadBalancer.testListenerRuleArn: missing, and testListenerUrl needs it (ECS sends test traffic through that rule); fix: add the rule, or remove testListenerUrl";
        }

        if (deployment.ShiftsTraffic && environment.Verification.SmokeChecks.Requests.Count > 0 && loadBalancer.TestListenerUrl is null)
        {
            yield return "$.verification.smokeChecks.requests: there is no test listener to send them to; fix: set loadBalancer.testListenerUrl (and testListenerRuleArn), or remove the requests";
        }

        if (deployment.Strategy == DeploymentStrategy.Canary && !IsTenth(deployment.Canary.Percent))
        {
            yield return $"$.deployment.canary.percent: {deployment.Canary.Percent} is not a multiple of 0.1, which ECS requires; fix: round it, e.g. {Math.Round(deployment.Canary.Percent, 1)}";
        }

        if (deployment.Strategy == DeploymentStrategy.Linear && !IsTenth(deployment.Linear.StepPercent))
        {
            yield return $"$.deployment.linear.stepPercent: {deployment.Linear.StepPercent} is not a multiple of 0.1, which ECS requires; fix: round it, e.g. {Math.Round(deployment.Linear.StepPercent, 1)}";
        }

        for (var i = 0; i < deployment.LifecycleHooks.Count; i++)
        {
            foreach (var line in CheckHook(deployment, deployment.LifecycleHooks[i], $"$.deployment.lifecycleHooks[{i}]"))
            {
                yield return line;
            }
        }
    }

    private static IEnumerable<string> CheckHook(DeploymentSettings deployment, LifecycleHookSettings hook, string path)
    {
        if (!deployment.ShiftsTraffic)
        {
            yield return $"{path}: ECS runs lifecycle hooks only in BLUE_GREEN, CANARY and LINEAR deployments; fix: change deployment.strategy, or remove the hook";
        }

        if (hook.Stages.Count == 0)
        {
            yield return $"{path}.stages: empty, so the hook would never run; fix: name at least one stage, e.g. [\"PRE_PRODUCTION_TRAFFIC_SHIFT\"]";
        }

        if (hook.Type == LifecycleHookType.Lambda)
        {
            if (hook.FunctionArn is null)
            {
                yield return $"{path}.functionArn: missing, and an AWS_LAMBDA hook needs the function to invoke; fix: add it, or use type PAUSE";
            }

            if (hook.RoleArn is null)
            {
                yield return $"{path}.roleArn: missing, and ECS needs a role to invoke the function; fix: add it";
            }
        }
        else
        {
            if (hook.FunctionArn is not null || hook.Details is not null)
            {
                yield return $"{path}: a PAUSE hook invokes nothing; fix: remove functionArn and details, or use type AWS_LAMBDA";
            }

            // While traffic moves ECS cannot hold still: it runs only Lambda hooks at these two stages.
            foreach (var stage in hook.Stages.Where(s => s is "TEST_TRAFFIC_SHIFT" or "PRODUCTION_TRAFFIC_SHIFT"))
            {
                yield return $"{path}.stages: ECS cannot pause at {stage}; fix: use {(stage == "TEST_TRAFFIC_SHIFT" ? "POST_TEST_TRAFFIC_SHIFT" : "PRE_PRODUCTION_TRAFFIC_SHIFT (before each production step)")}";
            }
        }
    }

    private static bool IsTenth(double percent) => Math.Abs((percent * 10) - Math.Round(percent * 10)) < 1e-9;
}
