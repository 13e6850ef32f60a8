using AutoPR.Deployment.Aws;

namespace AutoPR.Deployment.Logs;

/// <summary>Every CloudWatch Logs operation <see cref="LogsClient"/> calls; the IAM policy of a deployer derives from this list.</summary>
public static class LogsOperations
{
    /// <summary>logs:GetLogEvents.</summary>
    public static readonly AwsOperation GetLogEvents = new(AwsService.Logs, "GetLogEvents", AwsAccess.Read);

    /// <summary>logs:FilterLogEvents (the Logs target: a group's lines across streams, by time and pattern).</summary>
    public static readonly AwsOperation FilterLogEvents = new(AwsService.Logs, "FilterLogEvents", AwsAccess.Read);

    /// <summary>logs:DescribeLogStreams.</summary>
    public static readonly AwsOperation DescribeLogStreams = new(AwsService.Logs, "DescribeLogStreams", AwsAccess.Read);

    /// <summary>All of them.</summary>
    public static IReadOnlyList<AwsOperation> All { get; } = [GetLogEvents, FilterLogEvents, DescribeLogStreams];
}
