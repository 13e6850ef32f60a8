using AutoPR.Deployment.Aws;

namespace AutoPR.Deployment.Ecr;

/// <summary>Every ECR operation <see cref="EcrClient"/> calls; the IAM policy of a deployer derives from this list.</summary>
public static class EcrOperations
{
    /// <summary>ecr:GetAuthorizationToken.</summary>
    public static readonly AwsOperation GetAuthorizationToken = new(AwsService.Ecr, "GetAuthorizationToken", AwsAccess.Read);

    /// <summary>ecr:DescribeRepositories.</summary>
    public static readonly AwsOperation DescribeRepositories = new(AwsService.Ecr, "DescribeRepositories", AwsAccess.Read);

    /// <summary>ecr:CreateRepository.</summary>
    public static readonly AwsOperation CreateRepository = new(AwsService.Ecr, "CreateRepository", AwsAccess.Write);

    /// <summary>ecr:DescribeImages.</summary>
    public static readonly AwsOperation DescribeImages = new(AwsService.Ecr, "DescribeImages", AwsAccess.Read);

    /// <summary>ecr:BatchGetImage.</summary>
    public static readonly AwsOperation BatchGetImage = new(AwsService.Ecr, "BatchGetImage", AwsAccess.Read);

    /// <summary>ecr:PutImage.</summary>
    public static readonly AwsOperation PutImage = new(AwsService.Ecr, "PutImage", AwsAccess.Write);

    /// <summary>ecr:ListImages.</summary>
    public static readonly AwsOperation ListImages = new(AwsService.Ecr, "ListImages", AwsAccess.Read);

    /// <summary>All of them, in the order above.</summary>
    public static IReadOnlyList<AwsOperation> All { get; } =
        [GetAuthorizationToken, DescribeRepositories, CreateRepository, DescribeImages, BatchGetImage, PutImage, ListImages];
}
