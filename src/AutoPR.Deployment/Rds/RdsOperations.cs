using AutoPR.Deployment.Aws;

namespace AutoPR.Deployment.Rds;

/// <summary>Every RDS operation <see cref="RdsClient"/> calls; the IAM policy of a deployer derives from this list.</summary>
public static class RdsOperations
{
    /// <summary>rds:CreateDBSnapshot (with tags it also needs rds:AddTagsToResource, an extra of the policy).</summary>
    public static readonly AwsOperation CreateDBSnapshot = new(AwsService.Rds, "CreateDBSnapshot", AwsAccess.Write);

    /// <summary>rds:DescribeDBSnapshots.</summary>
    public static readonly AwsOperation DescribeDBSnapshots = new(AwsService.Rds, "DescribeDBSnapshots", AwsAccess.Read);

    /// <summary>All of them, in the order above.</summary>
    public static IReadOnlyList<AwsOperation> All { get; } = [CreateDBSnapshot, DescribeDBSnapshots];
}
