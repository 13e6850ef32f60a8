namespace AutoPR.Deployment.Aws.Retries;

/// <summary>A failed attempt is about to be retried after <see cref="Delay"/>.</summary>
public sealed class AwsRetryEventArgs(AwsOperation operation, int failedAttempt, int maxAttempts, TimeSpan delay, string errorCode) : EventArgs
{
    /// <summary>The operation being retried.</summary>
    public AwsOperation Operation { get; } = operation;

    /// <summary>The attempt that failed (1 = the first).</summary>
    public int FailedAttempt { get; } = failedAttempt;

    /// <summary>The configured number of attempts.</summary>
    public int MaxAttempts { get; } = maxAttempts;

    /// <summary>The backoff before the next attempt.</summary>
    public TimeSpan Delay { get; } = delay;

    /// <summary>The error code of the failed attempt.</summary>
    public string ErrorCode { get; } = errorCode;
}
