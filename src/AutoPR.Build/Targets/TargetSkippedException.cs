namespace AutoPR.Build;

/// <summary>
/// Thrown by a target's body to end it as Skipped with a reason (for example "image already built"),
/// when whether there is work to do is only known while running.
/// </summary>
public sealed class TargetSkippedException(string reason) : Exception(reason);
