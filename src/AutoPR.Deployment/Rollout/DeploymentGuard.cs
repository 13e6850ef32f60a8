using System.Globalization;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Environments;

namespace AutoPR.Deployment.Rollout;

/// <summary>The checks that run before any mutating call: approval, the local lock, a deployment already in progress.</summary>
public static class DeploymentGuard
{
    /// <summary>Statuses of a service deployment that is not over.</summary>
    public static readonly IReadOnlyList<string> ActiveStatuses = ["PENDING", "IN_PROGRESS", "STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS"];

    /// <summary>Refuses when <paramref name="environment"/> requires approval and it was not given.</summary>
    public static void RequireApproval(DeploymentEnvironment environment, bool confirmed, string action = "deploy to")
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.RequiresApproval && !confirmed)
        {
            throw new DeploymentRefusedException(RefusalReason.ApprovalRequired,
                $"environment {environment.Name} requires approval and this request to {action} it was not confirmed; nothing was changed; " +
                "fix: confirm it (--confirm), or run it through the CI deploy workflow, which approves through the GitHub environment");
        }
    }

    /// <summary>The refusal naming the deployment in progress (its service deployment, revision, status and start).</summary>
    public static async Task<DeploymentRefusedException> InProgressAsync(
        EcsClient ecs, DeploymentEnvironment environment, IReadOnlyList<EcsDeploymentView> inProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(inProgress);
        string? serviceDeployment = null;
        await foreach (var active in ecs.ListServiceDeploymentsAsync(environment.Cluster, environment.Service, ActiveStatuses, cancellationToken).ConfigureAwait(false))
        {
            serviceDeployment = $"{active.Arn} ({active.Status}{Since(active.StartedAt ?? active.CreatedAt)})";
            break;
        }

        var deployment = inProgress.Count > 0 ? inProgress[0] : null;
        var what = deployment is null
            ? serviceDeployment ?? "a deployment"
            : $"{(deployment.TaskDefinition is { } t ? TaskDefinitionRegistered.Label(t) : "?")} ({deployment.Id}{Since(deployment.CreatedAt)})" +
              (serviceDeployment is null ? string.Empty : ", service deployment " + serviceDeployment);
        return new DeploymentRefusedException(RefusalReason.DeploymentInProgress,
            $"another deployment is in progress on {environment.Name} (service {environment.Service}): {what}; nothing was changed; " +
            "fix: wait for it to finish or roll it back, then run again");
    }

    private static string Since(DateTimeOffset? time) =>
        time is { } t ? " since " + t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : string.Empty;
}
