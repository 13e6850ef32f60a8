using AutoPR.LocalEcs.Api;

namespace AutoPR.LocalEcs.Ecr;

/// <summary>The ECR operation table (X-Amz-Target AmazonEC2ContainerRegistry_V20150921.*).</summary>
public static class EcrApi
{
    public static AwsApi Create(EcrOperations ecr) =>
        new("ecr", "AmazonEC2ContainerRegistry_V20150921", "application/x-amz-json-1.1", "InvalidParameterException", new Dictionary<string, AwsOperationHandler>(StringComparer.Ordinal)
        {
            ["CreateRepository"] = ecr.CreateRepositoryAsync,
            ["DescribeRepositories"] = ecr.DescribeRepositoriesAsync,
            ["DeleteRepository"] = ecr.DeleteRepositoryAsync,
            ["GetAuthorizationToken"] = ecr.GetAuthorizationTokenAsync,
            ["ListImages"] = ecr.ListImagesAsync,
            ["DescribeImages"] = ecr.DescribeImagesAsync,
            ["BatchGetImage"] = ecr.BatchGetImageAsync,
            ["PutImage"] = ecr.PutImageAsync,
            ["BatchDeleteImage"] = ecr.BatchDeleteImageAsync,
        });
}
