using System.Globalization;

namespace AutoPR.Deployment.Cleanup;

/// <summary>Why Cleanup keeps a revision (several may hold).</summary>
[Flags]
public enum KeepReasons
{
    /// <summary>No reason: it is deregistered.</summary>
    None = 0,

    /// <summary>One of the family's newest N revisions.</summary>
    Newest = 1,

    /// <summary>A deployment of the service (PRIMARY, or ACTIVE while it drains or rolls back) runs it.</summary>
    Service = 2,

    /// <summary>A service deployment that is not over moves from or to it (ECS may roll back to its source).</summary>
    DeploymentInProgress = 4,

    /// <summary>A task of the cluster runs it (a one-off task, a migration).</summary>
    RunningTask = 8,

    /// <summary>The newest verified release of the environment.</summary>
    LastVerified = 16,

    /// <summary>Where Rollback (and the automatic rollback) would return to: the newest verified release other than the running one.</summary>
    RollbackTarget = 32,
}

/// <summary>The words for <see cref="KeepReasons"/>.</summary>
public static class KeepReasonsText
{
    /// <summary>"one of the newest 10, the service runs it, the last verified release".</summary>
    public static string Describe(KeepReasons reasons, int keep)
    {
        var words = new List<string>();
        if (reasons.HasFlag(KeepReasons.Newest))
        {
            words.Add("one of the newest " + keep.ToString(CultureInfo.InvariantCulture));
        }

        if (reasons.HasFlag(KeepReasons.Service))
        {
            words.Add("the service runs it");
        }

        if (reasons.HasFlag(KeepReasons.DeploymentInProgress))
        {
            words.Add("a deployment in progress moves from or to it");
        }

        if (reasons.HasFlag(KeepReasons.RunningTask))
        {
            words.Add("a task runs it");
        }

        if (reasons.HasFlag(KeepReasons.LastVerified))
        {
            words.Add("the last verified release");
        }

        if (reasons.HasFlag(KeepReasons.RollbackTarget))
        {
            words.Add("Rollback would return to it");
        }

        return words.Count == 0 ? "no reason" : string.Join(", ", words);
    }
}
