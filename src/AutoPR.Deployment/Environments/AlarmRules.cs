namespace AutoPR.Deployment.Environments;

/// <summary>The cross-field rules of deployment alarms and local alarms; each returns "PATH: PROBLEM; fix: FIX".</summary>
internal static class AlarmRules
{
    public static IEnumerable<string> Check(DeploymentEnvironment environment)
    {
        if (environment.LocalAlarms.Count > 0 && !environment.IsLocal)
        {
            yield return "$.localAlarms: only a local environment's alarms are made by this tool (LocalUp); fix: remove it and define the alarms in Terraform (infra/modules/environment/alarms.tf)";
        }

        if (environment.LocalAlarms.Count > 0 && environment.LoadBalancer.TargetGroupArn is null)
        {
            yield return "$.localAlarms: the alarms measure the environment's target group, and it names none; fix: set loadBalancer.targetGroupArn";
        }

        for (var i = 0; i < environment.LocalAlarms.Count; i++)
        {
            var alarm = environment.LocalAlarms[i];
            if (alarm.DatapointsToAlarm > alarm.EvaluationPeriods)
            {
                yield return $"$.localAlarms[{i}].datapointsToAlarm: {alarm.DatapointsToAlarm} is more than evaluationPeriods {alarm.EvaluationPeriods}; fix: keep it at most evaluationPeriods";
            }

            if (environment.LocalAlarms.Take(i).Any(a => a.Name == alarm.Name))
            {
                yield return $"$.localAlarms[{i}].name: \"{alarm.Name}\" is defined twice; fix: give each alarm its own name";
            }
        }

        if (environment.Deployment.Alarms is { Enable: true, AlarmNames.Count: 0 })
        {
            yield return "$.deployment.alarms.alarmNames: empty, and enable is true; fix: name the alarms ECS should watch, or set enable to false";
        }
    }
}
