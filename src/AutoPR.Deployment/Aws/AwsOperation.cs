namespace AutoPR.Deployment.Aws;

/// <summary>
/// One API operation of one service. Every request goes through <see cref="Protocol.AwsJsonClient"/> with one of
/// these, so the operation lists of the typed clients are complete: they derive the IAM policy, and
/// <see cref="Access"/> is what keeps a dry run read-only.
/// </summary>
public sealed record AwsOperation(AwsService Service, string Name, AwsAccess Access)
{
    /// <summary>The X-Amz-Target header value ("AmazonEC2ContainerServiceV20141113.DescribeServices").</summary>
    public string Target => Service.TargetPrefix + "." + Name;

    /// <summary>The IAM action that allows the call ("ecs:DescribeServices").</summary>
    public string IamAction => Service.IamPrefix + ":" + Name;

    /// <inheritdoc />
    public override string ToString() => IamAction;
}
