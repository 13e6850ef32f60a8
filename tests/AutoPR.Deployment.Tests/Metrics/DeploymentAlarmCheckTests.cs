using System.Text.Json.Nodes;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Metrics;

/// <summary>DescribeAlarms over AWS JSON 1.0 against moto_server, and the check a deployment makes with it before changing anything.</summary>
[Collection(MotoCollection.Name)]
public sealed class DeploymentAlarmCheckTests(MotoServerFixture moto)
{
    [Fact]
    public async Task Describe_alarms_finds_the_named_alarms_and_only_them()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var name = "autopr-test-" + Guid.NewGuid().ToString("N")[..8];
        await clients.CloudWatch.PutMetricAlarmAsync(AlarmRequest(name));
        await clients.CloudWatch.PutMetricAlarmAsync(AlarmRequest(name + "-other"));

        var found = await clients.CloudWatch.DescribeAlarmsAsync([name, name + "-missing"]);

        var alarm = Assert.Single(found);
        Assert.Equal(name, alarm.Name);
        Assert.Contains(alarm.State, new[] { "OK", "ALARM", "INSUFFICIENT_DATA" });
    }

    [Fact]
    public async Task A_deployment_naming_an_alarm_cloudwatch_does_not_have_is_refused_naming_it()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var name = "autopr-test-" + Guid.NewGuid().ToString("N")[..8];
        await clients.CloudWatch.PutMetricAlarmAsync(AlarmRequest(name));
        var dev = RepositoryEnvironments.Load("dev");
        var environment = dev with { Deployment = dev.Deployment with { Alarms = new DeploymentAlarmSettings { AlarmNames = [name, "autopr-dev-typo"], Enable = true, Rollback = true } } };

        var refused = await Assert.ThrowsAsync<DeploymentRefusedException>(() => DeploymentAlarmCheck.EnsureExistAsync(environment, clients.CloudWatch, CancellationToken.None));

        Assert.Equal(RefusalReason.MissingAlarms, refused.Reason);
        Assert.Equal(
            "deployment.alarms names an alarm CloudWatch does not have in eu-west-1: autopr-dev-typo; nothing was changed; fix: create it (the environment's Terraform: ./build.sh InfraPlan InfraApply --environment dev), or remove it from deployment.alarms.alarmNames",
            refused.Message);

        // All of them there: no refusal.
        var fine = environment with { Deployment = environment.Deployment with { Alarms = environment.Deployment.Alarms! with { AlarmNames = [name] } } };
        await DeploymentAlarmCheck.EnsureExistAsync(fine, clients.CloudWatch, CancellationToken.None);
    }

    [Fact]
    public async Task The_check_expects_ECS_to_bake_for_the_longest_window_of_the_alarms()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var name = "autopr-test-" + Guid.NewGuid().ToString("N")[..8];
        await clients.CloudWatch.PutMetricAlarmAsync(AlarmRequest(name));
        await clients.CloudWatch.PutMetricAlarmAsync(AlarmRequest(name + "-p99", evaluationPeriods: 3));
        var dev = RepositoryEnvironments.Load("dev");
        var environment = dev with { Deployment = dev.Deployment with { Alarms = new DeploymentAlarmSettings { AlarmNames = [name, name + "-p99"], Enable = true, Rollback = true } } };

        var bake = await DeploymentAlarmCheck.EnsureExistAsync(environment, clients.CloudWatch, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(3), bake);
        var off = environment with { Deployment = environment.Deployment with { Alarms = environment.Deployment.Alarms! with { Enable = false } } };
        Assert.Null(await DeploymentAlarmCheck.EnsureExistAsync(off, clients.CloudWatch, CancellationToken.None));
    }

    [Fact]
    public void A_metric_math_alarm_is_as_long_as_its_longest_metric_period()
    {
        var alarm = MetricAlarmView.From(JsonNode.Parse("""
            {
              "AlarmName": "autopr-dev-5xx-rate", "StateValue": "OK", "EvaluationPeriods": 2,
              "Metrics": [
                { "Id": "rate", "Expression": "errors / requests", "ReturnData": true },
                { "Id": "errors", "MetricStat": { "Metric": { "MetricName": "HTTPCode_Target_5XX_Count" }, "Period": 60, "Stat": "Sum" }, "ReturnData": false },
                { "Id": "requests", "MetricStat": { "Metric": { "MetricName": "RequestCount" }, "Period": 300, "Stat": "Sum" }, "ReturnData": false }
              ]
            }
            """));

        Assert.Equal(TimeSpan.FromMinutes(10), alarm.EvaluationWindow);
        Assert.Null(MetricAlarmView.From(JsonNode.Parse("""{ "AlarmName": "composite", "StateValue": "OK" }""")).EvaluationWindow);
    }

    [Fact]
    public void A_local_alarm_becomes_a_put_metric_alarm_on_the_environments_target_group()
    {
        var local = RepositoryEnvironments.Load("local");

        var request = LocalAlarmRequest.For(local.LocalAlarms[0], local.LoadBalancer.TargetGroupArn!.Split(':')[^1]);

        Assert.Empty(ServiceModel.CloudWatch.ValidateInput("PutMetricAlarm", JsonNode.Parse(request.ToJsonString())!));
        Assert.Equal("autopr-local-target-5xx", request["AlarmName"]!.GetValue<string>());
        Assert.Equal("HTTPCode_Target_5XX_Count", request["MetricName"]!.GetValue<string>());
        Assert.Equal("Sum", request["Statistic"]!.GetValue<string>());
        Assert.Equal("targetgroup/autopr-local/0123456789abcdef", request["Dimensions"]![0]!["Value"]!.GetValue<string>());
        Assert.Equal("p99", LocalAlarmRequest.For(local.LocalAlarms[0] with { Statistic = "p99" }, null)["ExtendedStatistic"]!.GetValue<string>());
    }

    private static JsonObject AlarmRequest(string name, int evaluationPeriods = 1) => LocalAlarmRequest.For(
        new LocalAlarmSettings { Name = name, MetricName = "HTTPCode_Target_5XX_Count", Statistic = "Sum", PeriodSeconds = 60, EvaluationPeriods = evaluationPeriods, Threshold = 5, ComparisonOperator = "GreaterThanThreshold" },
        targetGroup: null);
}
