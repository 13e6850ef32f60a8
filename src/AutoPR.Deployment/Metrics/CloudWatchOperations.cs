using AutoPR.Deployment.Aws;

namespace AutoPR.Deployment.Metrics;

/// <summary>Every CloudWatch operation <see cref="CloudWatchClient"/> calls; the IAM policy of a deployer derives from this list.</summary>
public static class CloudWatchOperations
{
    /// <summary>cloudwatch:GetMetricData.</summary>
    public static readonly AwsOperation GetMetricData = new(AwsService.CloudWatch, "GetMetricData", AwsAccess.Read);

    /// <summary>All of them.</summary>
    public static IReadOnlyList<AwsOperation> All { get; } = [GetMetricData];
}
