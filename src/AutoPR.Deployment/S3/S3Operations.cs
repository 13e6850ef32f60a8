using AutoPR.Deployment.Aws;

namespace AutoPR.Deployment.S3;

/// <summary>Every S3 operation <see cref="S3Client"/> calls; the IAM policy of a deployer derives from this list.</summary>
public static class S3Operations
{
    /// <summary>s3:GetObject (the Terraform state an environment file refers to).</summary>
    public static readonly AwsOperation GetObject = new(AwsService.S3, "GetObject", AwsAccess.Read);

    /// <summary>All of them.</summary>
    public static IReadOnlyList<AwsOperation> All { get; } = [GetObject];
}
