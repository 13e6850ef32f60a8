using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AutoPR.Deployment.Aws.Retries;

/// <summary>
/// Builds the Polly pipeline every AWS call runs in: a call timeout around capped-exponential, full-jitter
/// retries of retryable errors around a per-attempt timeout. Delays run on the given <see cref="TimeProvider"/>,
/// and cancellation ends a backoff at once.
/// </summary>
internal static class AwsRetryPipeline
{
    /// <summary>The key under which the operation travels in the resilience context (for the retry callback).</summary>
    public static readonly ResiliencePropertyKey<AwsOperation> OperationKey = new("autopr.aws.operation");

    public static ResiliencePipeline Build(AwsRetryOptions options, TimeProvider time, Action<AwsRetryEventArgs> onRetry)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        builder.AddTimeout(options.CallTimeout);
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome.Exception)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(options.BackoffDelay(args.AttemptNumber)),
                OnRetry = args =>
                {
                    var operation = args.Context.Properties.GetValue(OperationKey, null!);
                    onRetry(new AwsRetryEventArgs(operation, args.AttemptNumber + 1, options.MaxAttempts, args.RetryDelay, ErrorCode(args.Outcome.Exception)));
                    return default;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    private static bool IsRetryable(Exception? exception) =>
        exception is AwsServiceException { IsRetryable: true } or TimeoutRejectedException;

    private static string ErrorCode(Exception? exception) => exception switch
    {
        AwsServiceException aws => aws.ErrorCode,
        TimeoutRejectedException => AwsServiceException.TimeoutErrorCode,
        _ => exception?.GetType().Name ?? "Unknown",
    };
}
