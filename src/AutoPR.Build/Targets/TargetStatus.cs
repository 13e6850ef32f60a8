namespace AutoPR.Build;

/// <summary>How a planned target ended; shown in the summary table.</summary>
public enum TargetStatus
{
    /// <summary>Planned, and not reached (yet, or because something before it failed).</summary>
    NotRun,
    Succeeded,
    Failed,
    Skipped,
    /// <summary>Running when the build was interrupted.</summary>
    Aborted,
}
