using AutoPR.Deployment.Aws;

namespace AutoPR.Deployment.Metrics;

/// <summary>Every CloudWatch operation <see cref="CloudWatchClient"/> calls; the IAM policy of a deployer derives from this list.</summary>
public static class CloudWatchOperations
{
    /// <summary>cloudwatch:GetMetricData.</summary>
    public static readonly AwsOperation GetMetricData = new(AwsService.CloudWatch, "GetMetricData", AwsAccess.Read);

    /// <summary>cloudwatch:DescribeAlarms: a deployment first checks that the alarms its environment names exist.</summary>
    public static readonly AwsOperation DescribeAlarms = new(AwsService.CloudWatch, "DescribeAlarms", AwsAccess.Read);

    /// <summary>
    /// cloudwatch:PutMetricAlarm: only for the local stand-in, where LocalUp makes the local environment's alarms. On AWS
    /// the alarms are Terraform's, so it is not in <see cref="All"/> and not in the deploy role.
    /// </summary>
    public static readonly AwsOperation PutMetricAlarm = new(AwsService.CloudWatch, "PutMetricAlarm", AwsAccess.Write);

    /// <summary>All of them (the deploy role's).</summary>
    public static IReadOnlyList<AwsOperation> All { get; } = [GetMetricData, DescribeAlarms];
}
