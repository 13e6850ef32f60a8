using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Ecs.Views;

/// <summary>
/// A service deployment (DescribeServiceDeployments) or its brief form (ListServiceDeployments): the members
/// both share, plus the detailed ones when present.
/// </summary>
public sealed class EcsServiceDeploymentView(JsonObject json)
{
    /// <summary>Statuses after which a service deployment no longer changes.</summary>
    public static readonly IReadOnlySet<string> FinalStatuses =
        new HashSet<string>(["SUCCESSFUL", "STOPPED", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED"], StringComparer.Ordinal);

    /// <summary>The document as the service sent it.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>serviceDeploymentArn.</summary>
    public string? Arn => JsonRead.GetString(Json, "serviceDeploymentArn");

    /// <summary>serviceArn.</summary>
    public string? ServiceArn => JsonRead.GetString(Json, "serviceArn");

    /// <summary>clusterArn.</summary>
    public string? ClusterArn => JsonRead.GetString(Json, "clusterArn");

    /// <summary>status: PENDING, IN_PROGRESS, SUCCESSFUL, STOP_REQUESTED, STOPPED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED.</summary>
    public string? Status => JsonRead.GetString(Json, "status");

    /// <summary>statusReason.</summary>
    public string? StatusReason => JsonRead.GetString(Json, "statusReason");

    /// <summary>Whether the status is final (the deployment is over).</summary>
    public bool IsFinished => Status is { } s && FinalStatuses.Contains(s);

    /// <summary>lifecycleStage (detailed form): RECONCILE_SERVICE, SCALE_UP, BAKE_TIME, CLEAN_UP, ...</summary>
    public string? LifecycleStage => JsonRead.GetString(Json, "lifecycleStage");

    /// <summary>The target revision ARN: targetServiceRevision.arn (detailed) or targetServiceRevisionArn (brief).</summary>
    public string? TargetServiceRevisionArn =>
        JsonRead.GetString(JsonRead.GetObject(Json, "targetServiceRevision"), "arn") ?? JsonRead.GetString(Json, "targetServiceRevisionArn");

    /// <summary>targetServiceRevision (detailed form): task counts and traffic weights of the new revision.</summary>
    public EcsServiceRevisionSummary? TargetServiceRevision =>
        JsonRead.GetObject(Json, "targetServiceRevision") is { } o ? EcsServiceRevisionSummary.From(o) : null;

    /// <summary>sourceServiceRevisions (detailed form): the revisions being replaced.</summary>
    public IReadOnlyList<EcsServiceRevisionSummary> SourceServiceRevisions =>
        JsonRead.GetArray(Json, "sourceServiceRevisions").Select(EcsServiceRevisionSummary.From).ToList();

    /// <summary>lifecycleHookDetails (detailed form): the hooks run so far, a PAUSE one AWAITING_ACTION while it waits.</summary>
    public IReadOnlyList<EcsLifecycleHookDetail> LifecycleHooks =>
        JsonRead.GetArray(Json, "lifecycleHookDetails").Select(EcsLifecycleHookDetail.From).ToList();

    /// <summary>The PAUSE hook waiting for ContinueServiceDeployment, if any.</summary>
    public EcsLifecycleHookDetail? WaitingHook => LifecycleHooks.FirstOrDefault(h => h.IsAwaitingAction);

    /// <summary>deploymentConfiguration.strategy.</summary>
    public string? Strategy => JsonRead.GetString(JsonRead.GetObject(Json, "deploymentConfiguration"), "strategy");

    /// <summary>rollback.reason, when ECS rolled back.</summary>
    public string? RollbackReason => JsonRead.GetString(JsonRead.GetObject(Json, "rollback"), "reason");

    /// <summary>rollback.serviceRevisionArn: the revision ECS goes back to, once it rolls back.</summary>
    public string? RollbackServiceRevisionArn => JsonRead.GetString(JsonRead.GetObject(Json, "rollback"), "serviceRevisionArn");

    /// <summary>deploymentCircuitBreaker.status (TRIGGERED, MONITORING, MONITORING_COMPLETE, DISABLED).</summary>
    public string? CircuitBreakerStatus => JsonRead.GetString(JsonRead.GetObject(Json, "deploymentCircuitBreaker"), "status");

    /// <summary>deploymentCircuitBreaker.failureCount.</summary>
    public int? CircuitBreakerFailureCount => JsonRead.GetInt(JsonRead.GetObject(Json, "deploymentCircuitBreaker"), "failureCount");

    /// <summary>createdAt.</summary>
    public DateTimeOffset? CreatedAt => JsonRead.GetTimestamp(Json, "createdAt");

    /// <summary>startedAt.</summary>
    public DateTimeOffset? StartedAt => JsonRead.GetTimestamp(Json, "startedAt");

    /// <summary>finishedAt.</summary>
    public DateTimeOffset? FinishedAt => JsonRead.GetTimestamp(Json, "finishedAt");

    /// <summary>stoppedAt.</summary>
    public DateTimeOffset? StoppedAt => JsonRead.GetTimestamp(Json, "stoppedAt");
}
