namespace AutoPR.Deployment.Rollout.Gates;

/// <summary>What the watch does about a lifecycle hook that waits.</summary>
public enum GateAction
{
    /// <summary>Keep watching: someone else continues it (./build.sh Continue), or its timeout acts.</summary>
    Wait,

    /// <summary>It was continued; keep watching.</summary>
    Continued,

    /// <summary>Stop watching and leave it waiting (--no-wait).</summary>
    LeaveOpen,

    /// <summary>The release failed at the gate: the watch fails, and the deployment is rolled back.</summary>
    Fail,
}

/// <summary>A gate's decision and, for <see cref="GateAction.Fail"/> and <see cref="GateAction.LeaveOpen"/>, why.</summary>
public sealed record GateVerdict(GateAction Action, string? Reason = null);
