using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Ecs.Shapes;

/// <summary>ServiceDeployment (DescribeServiceDeployments) and ServiceDeploymentBrief (ListServiceDeployments).</summary>
public static class ServiceDeploymentShape
{
    public static JsonObject Brief(ServiceDeploymentRecord record, ServiceRecord service)
    {
        var json = new JsonObject
        {
            ["serviceDeploymentArn"] = record.Arn,
            ["serviceArn"] = service.Arn,
            ["clusterArn"] = service.ClusterArn,
            ["createdAt"] = AwsTime.ToJson(record.CreatedAt),
            ["targetServiceRevisionArn"] = record.TargetRevisionArn,
            ["status"] = record.Status,
        };
        SetTime(json, "startedAt", record.StartedAt);
        SetTime(json, "finishedAt", record.FinishedAt);
        if (record.StatusReason is not null)
        {
            json["statusReason"] = record.StatusReason;
        }

        return json;
    }

    public static JsonObject Full(ServiceDeploymentRecord record, ServiceRecord service, EcsState state)
    {
        var tasks = state.Tasks.Values.Where(t => t.ClusterName == service.ClusterName && t.ServiceName == service.Name && !t.IsStopped).ToList();
        var target = service.Deployments.FirstOrDefault(d => d.Id == record.DeploymentId);
        var json = Brief(record, service);
        json.Remove("targetServiceRevisionArn");
        json["updatedAt"] = AwsTime.ToJson(record.UpdatedAt);
        SetTime(json, "stoppedAt", record.StoppedAt);
        json["sourceServiceRevisions"] = new JsonArray([.. record.SourceRevisions.Select(r => (JsonNode)WithWeights(new JsonObject
        {
            ["arn"] = r.Arn,
            ["requestedTaskCount"] = r.RequestedTaskCount,
            ["runningTaskCount"] = r.RunningTaskCount,
            ["pendingTaskCount"] = r.PendingTaskCount,
        }, record, r.Arn))]);
        json["targetServiceRevision"] = new JsonObject
        {
            ["arn"] = record.TargetRevisionArn,
            ["requestedTaskCount"] = target?.DesiredCount ?? 0,
            ["runningTaskCount"] = target is null ? 0 : tasks.Count(t => t.StartedBy == target.Id && t.LastStatus == "RUNNING"),
            ["pendingTaskCount"] = target is null ? 0 : tasks.Count(t => t.StartedBy == target.Id && ServiceShape.IsPending(t)),
            ["requestedProductionTrafficWeight"] = record.ProductionTrafficWeight,
            ["requestedTestTrafficWeight"] = record.TestTrafficWeight,
        };
        if (record.LifecycleStage is not null)
        {
            json["lifecycleStage"] = record.LifecycleStage;
        }

        if (record.LifecycleHookDetails.Count > 0)
        {
            json["lifecycleHookDetails"] = new JsonArray([.. record.LifecycleHookDetails.Select(h => (JsonNode)HookDetail(h))]);
        }

        json["deploymentConfiguration"] = DeploymentSettingsShape.ToJson(record.Configuration);
        json["deploymentCircuitBreaker"] = new JsonObject
        {
            ["status"] = record.CircuitBreakerStatus,
            ["failureCount"] = record.CircuitBreakerFailureCount,
            ["threshold"] = record.CircuitBreakerThreshold,
        };
        json["alarms"] = Alarms(record);
        if (record.Rollback is { } rollback)
        {
            json["rollback"] = new JsonObject
            {
                ["reason"] = rollback.Reason,
                ["startedAt"] = AwsTime.ToJson(rollback.StartedAt),
                ["serviceRevisionArn"] = rollback.ServiceRevisionArn,
            };
        }

        return json;
    }

    /// <summary>A traffic shift's source revisions: blue has what green has not; other revisions get no traffic.</summary>
    private static JsonObject WithWeights(JsonObject revision, ServiceDeploymentRecord record, string arn)
    {
        if (record.TrafficShiftRequired)
        {
            var blue = arn == record.BlueRevisionArn;
            revision["requestedProductionTrafficWeight"] = blue ? 100 - record.ProductionTrafficWeight : 0.0;
            revision["requestedTestTrafficWeight"] = blue ? 100 - record.TestTrafficWeight : 0.0;
        }

        return revision;
    }

    private static JsonObject Alarms(ServiceDeploymentRecord record)
    {
        var json = new JsonObject { ["status"] = record.AlarmsStatus };
        if (record.Configuration.Alarms is { AlarmNames.Count: > 0 } alarms)
        {
            json["alarmNames"] = new JsonArray([.. alarms.AlarmNames.Select(n => (JsonNode)JsonValue.Create(n))]);
        }

        if (record.TriggeredAlarmNames.Count > 0)
        {
            json["triggeredAlarmNames"] = new JsonArray([.. record.TriggeredAlarmNames.Select(n => (JsonNode)JsonValue.Create(n))]);
        }

        return json;
    }

    private static JsonObject HookDetail(LifecycleHookDetailRecord hook)
    {
        var json = new JsonObject
        {
            ["hookId"] = hook.HookId,
            ["targetType"] = hook.TargetType,
            ["status"] = hook.Status,
            ["expiresAt"] = AwsTime.ToJson(hook.ExpiresAt),
            ["timeoutAction"] = hook.TimeoutAction,
        };
        if (hook.TargetArn is not null)
        {
            json["targetArn"] = hook.TargetArn;
        }

        return json;
    }

    private static void SetTime(JsonObject json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json[name] = AwsTime.ToJson(time);
        }
    }
}
