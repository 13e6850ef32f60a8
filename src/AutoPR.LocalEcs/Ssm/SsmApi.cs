using AutoPR.LocalEcs.Api;

namespace AutoPR.LocalEcs.Ssm;

/// <summary>The SSM Parameter Store operation table (X-Amz-Target AmazonSSM.*).</summary>
public static class SsmApi
{
    public static AwsApi Create(SsmOperations ssm) =>
        new("ssm", "AmazonSSM", "application/x-amz-json-1.1", "ValidationException", new Dictionary<string, AwsOperationHandler>(StringComparer.Ordinal)
        {
            ["PutParameter"] = ssm.PutParameterAsync,
            ["GetParameter"] = ssm.GetParameterAsync,
            ["GetParameters"] = ssm.GetParametersAsync,
            ["DeleteParameter"] = ssm.DeleteParameterAsync,
            ["DescribeParameters"] = ssm.DescribeParametersAsync,
        });
}
