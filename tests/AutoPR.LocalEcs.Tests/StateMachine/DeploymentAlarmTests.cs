using AutoPR.LocalEcs.Ecs.Shapes;
using AutoPR.LocalEcs.Metrics.Alarms;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.StateMachine;

/// <summary>ECS deployment alarms (deploymentConfiguration.alarms) over fakes: an alarm in ALARM fails and rolls back a deployment.</summary>
public sealed class DeploymentAlarmTests : IDisposable
{
    private const string Alarm = "autopr-target-5xx";
    private const string WithAlarms = $$""", "alarms": {"alarmNames": ["{{Alarm}}"], "enable": true, "rollback": true}""";
    private readonly EcsHarness _ecs = new();

    public void Dispose() => _ecs.Dispose();

    [Fact]
    public async Task An_alarm_in_ALARM_during_the_rollout_fails_it_and_ECS_rolls_back_naming_the_alarm()
    {
        var v1 = await StableServiceAsync(WithAlarms);
        var v2 = await _ecs.RegisterAsync("app:2");
        var failed = (await _ecs.UpdateServiceAsync(v2))["service"]!["deployments"]![0]!["id"]!.GetValue<string>();
        await _ecs.StepAsync();
        await _ecs.StepAsync();

        ServeErrors(5);
        _ecs.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _ecs.EvaluateAlarms());
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished);

        var service = await _ecs.ServiceAsync();
        var rollout = service.ServiceDeployments[0];
        Assert.Equal("ROLLBACK_SUCCESSFUL", rollout.Status);
        Assert.Equal("TRIGGERED", rollout.AlarmsStatus);
        Assert.Equal([Alarm], rollout.TriggeredAlarmNames);
        Assert.Equal($"ECS deployment failed: alarm detected (alarm {Alarm}).", rollout.StatusReason);
        Assert.StartsWith($"ECS deployment alarms detected (alarm {Alarm}): rolling back to deploymentId ecs-svc/", rollout.Rollback!.Reason, StringComparison.Ordinal);
        Assert.Equal(v1, service.TaskDefinitionArn);
        var failure = Assert.Single(service.Events, e => e.Message.Contains("deployment failed: alarm detected.", StringComparison.Ordinal)).Message;
        Assert.StartsWith($"(service autopr) (deployment {failed}) deployment failed: alarm detected. (alarm {Alarm}) is in ALARM: Threshold Crossed: 1 datapoint [5.0 (", failure, StringComparison.Ordinal);
        Assert.EndsWith(")] was greater than the threshold (2.0).", failure, StringComparison.Ordinal);
        Assert.All(await _ecs.LiveTasksAsync(), t => Assert.Equal(v1, t.TaskDefinitionArn));

        var shape = await _ecs.Store.ReadAsync(s => ServiceDeploymentShape.Full(rollout, service, s), CancellationToken.None);
        Assert.Equal("TRIGGERED", shape["alarms"]!["status"]!.GetValue<string>());
        Assert.Equal(Alarm, shape["alarms"]!["alarmNames"]![0]!.GetValue<string>());
        Assert.Equal(Alarm, shape["alarms"]!["triggeredAlarmNames"]![0]!.GetValue<string>());
        Assert.Equal(Alarm, DeploymentSettingsShape.ToJson(service.Deployment)["alarms"]!["alarmNames"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task With_alarms_a_steady_deployment_bakes_for_the_alarms_evaluation_window_before_it_completes()
    {
        await StableServiceAsync(WithAlarms);
        await _ecs.UpdateServiceAsync(await _ecs.RegisterAsync("app:2"));

        DateTimeOffset? steadySince = null;
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished, each: async () =>
        {
            steadySince ??= (await _ecs.ServiceAsync()).ServiceDeployments[0].SteadySince;
        });

        var rollout = (await _ecs.ServiceAsync()).ServiceDeployments[0];
        Assert.Equal("SUCCESSFUL", rollout.Status);
        Assert.Equal("MONITORING_COMPLETE", rollout.AlarmsStatus);
        Assert.NotNull(steadySince);
        // Period 10 s x 1 evaluation period, at time scale 1.
        Assert.InRange(rollout.FinishedAt!.Value - steadySince!.Value, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task An_alarm_already_in_ALARM_when_the_deployment_starts_is_not_watched_as_on_ECS()
    {
        await StableServiceAsync(WithAlarms);
        ServeErrors(5);
        _ecs.Time.Advance(TimeSpan.FromSeconds(10));
        _ecs.EvaluateAlarms();
        Assert.Equal(AlarmStates.Alarm, _ecs.Alarms.Find(Alarm)!.StateValue);

        var v2 = await _ecs.RegisterAsync("app:2");
        await _ecs.UpdateServiceAsync(v2);
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished);

        var service = await _ecs.ServiceAsync();
        Assert.Equal("SUCCESSFUL", service.ServiceDeployments[0].Status);
        Assert.Equal("DISABLED", service.ServiceDeployments[0].AlarmsStatus);
        Assert.Equal(v2, service.TaskDefinitionArn);
    }

    [Fact]
    public async Task Without_rollback_an_alarm_stops_the_deployment_and_leaves_it_failed()
    {
        await StableServiceAsync(WithAlarms.Replace("\"rollback\": true", "\"rollback\": false", StringComparison.Ordinal));
        var v2 = await _ecs.RegisterAsync("app:2");
        await _ecs.UpdateServiceAsync(v2);
        await _ecs.StepAsync();

        ServeErrors(5);
        _ecs.Time.Advance(TimeSpan.FromSeconds(10));
        _ecs.EvaluateAlarms();
        await _ecs.RunUntilAsync(s => s.ServiceDeployments[0].IsFinished);

        var service = await _ecs.ServiceAsync();
        Assert.Equal("STOPPED", service.ServiceDeployments[0].Status);
        Assert.Equal("FAILED", service.Primary!.RolloutState);
        Assert.Null(service.ServiceDeployments[0].Rollback);
        Assert.Equal(v2, service.TaskDefinitionArn);
    }

    private async Task<string> StableServiceAsync(string alarms)
    {
        await EcsHarness.CallAsync(_ecs.AlarmApi.PutMetricAlarmAsync, $$"""
            {"AlarmName": "{{Alarm}}", "Namespace": "AWS/ApplicationELB", "MetricName": "HTTPCode_Target_5XX_Count",
             "Dimensions": [{"Name": "TargetGroup", "Value": "targetgroup/autopr/0123456789abcdef"}],
             "Statistic": "Sum", "Period": 10, "EvaluationPeriods": 1, "Threshold": 2,
             "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "notBreaching"}
            """);
        var v1 = await _ecs.RegisterAsync("app:1");
        await _ecs.CreateServiceAsync(v1, desired: 2, deploymentExtras: alarms);
        await _ecs.RunUntilAsync(s => s.Primary!.RolloutState == "COMPLETED");
        return v1;
    }

    private void ServeErrors(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _ecs.Metrics.Record(EcsHarness.TargetGroup, 500, TimeSpan.FromMilliseconds(5), fromTarget: true);
        }
    }
}
