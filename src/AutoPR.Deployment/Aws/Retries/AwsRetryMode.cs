namespace AutoPR.Deployment.Aws.Retries;

/// <summary>AWS_RETRY_MODE values.</summary>
public enum AwsRetryMode
{
    /// <summary>3 attempts, capped exponential backoff with full jitter.</summary>
    Standard,

    /// <summary>
    /// Standard retries plus client-side rate limiting in the SDKs. Here it maps to standard: one deployment
    /// makes a handful of calls per second at most, so a client-side token bucket would not change anything.
    /// </summary>
    Adaptive,

    /// <summary>The SDKs' older mode: 5 attempts (4 retries) by default, same backoff.</summary>
    Legacy,
}
