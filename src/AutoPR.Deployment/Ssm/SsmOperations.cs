using AutoPR.Deployment.Aws;

namespace AutoPR.Deployment.Ssm;

/// <summary>The SSM parameter operations <see cref="SsmClient"/> calls.</summary>
public static class SsmOperations
{
    /// <summary>ssm:GetParameter.</summary>
    public static readonly AwsOperation GetParameter = new(AwsService.Ssm, "GetParameter", AwsAccess.Read);

    /// <summary>ssm:PutParameter: for the local stack and operators, not for the CI deploy role (see <see cref="ParameterWrites"/>).</summary>
    public static readonly AwsOperation PutParameter = new(AwsService.Ssm, "PutParameter", AwsAccess.Write);

    /// <summary>ssm:DeleteParameter: for the local stack and operators, not for the CI deploy role (see <see cref="ParameterWrites"/>).</summary>
    public static readonly AwsOperation DeleteParameter = new(AwsService.Ssm, "DeleteParameter", AwsAccess.Write);

    /// <summary>What a deployment calls, and so what the deploy role allows: reading parameters only.</summary>
    public static IReadOnlyList<AwsOperation> All { get; } = [GetParameter];

    /// <summary>
    /// Writing parameters: the local stack seeds its secrets and operators set them, but a deployment never
    /// writes one, so the CI deploy role must not be able to (a leaked CI token could otherwise replace a
    /// secret the service reads). Deliberately not in <see cref="All"/> and not in the generated policy.
    /// </summary>
    public static IReadOnlyList<AwsOperation> ParameterWrites { get; } = [PutParameter, DeleteParameter];
}
