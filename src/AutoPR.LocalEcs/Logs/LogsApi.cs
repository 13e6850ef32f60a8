using AutoPR.LocalEcs.Api;

namespace AutoPR.LocalEcs.Logs;

/// <summary>The CloudWatch Logs operation table (X-Amz-Target Logs_20140328.*): the read path of container output.</summary>
public static class LogsApi
{
    public static AwsApi Create(LogsOperations logs) =>
        new("logs", "Logs_20140328", "application/x-amz-json-1.1", "InvalidParameterException", new Dictionary<string, AwsOperationHandler>(StringComparer.Ordinal)
        {
            ["GetLogEvents"] = logs.GetLogEventsAsync,
            ["DescribeLogStreams"] = logs.DescribeLogStreamsAsync,
            ["FilterLogEvents"] = logs.FilterLogEventsAsync,
        });
}
