namespace AutoPR.Deployment.Aws;

/// <summary>
/// The protocol facts of one AWS service, as its official API model states them: who signs, which host
/// prefix, which JSON protocol version and target prefix, and which prefix IAM actions use.
/// </summary>
/// <param name="Id">Short identifier, used in logs and errors ("ecs", "ecr", "cloudwatch", "ssm").</param>
/// <param name="SigningName">SigV4 service name (credential scope).</param>
/// <param name="EndpointPrefix">Host prefix of the standard regional endpoint.</param>
/// <param name="TargetPrefix">Prefix of the X-Amz-Target header value.</param>
/// <param name="JsonVersion">AWS JSON protocol version ("1.0" or "1.1").</param>
/// <param name="EndpointVariableSuffix">Suffix of the AWS_ENDPOINT_URL_&lt;SUFFIX&gt; override variable.</param>
/// <param name="IamPrefix">Prefix of the IAM actions ("ecs:DescribeServices").</param>
public sealed record AwsService(
    string Id,
    string SigningName,
    string EndpointPrefix,
    string TargetPrefix,
    string JsonVersion,
    string EndpointVariableSuffix,
    string IamPrefix)
{
    /// <summary>Amazon ECS (AWS JSON 1.1).</summary>
    public static readonly AwsService Ecs = new("ecs", "ecs", "ecs", "AmazonEC2ContainerServiceV20141113", "1.1", "ECS", "ecs");

    /// <summary>Amazon ECR API (AWS JSON 1.1); its host prefix is "api.ecr".</summary>
    public static readonly AwsService Ecr = new("ecr", "ecr", "api.ecr", "AmazonEC2ContainerRegistry_V20150921", "1.1", "ECR", "ecr");

    /// <summary>Amazon CloudWatch metrics (AWS JSON 1.0, signs as "monitoring").</summary>
    public static readonly AwsService CloudWatch = new("cloudwatch", "monitoring", "monitoring", "GraniteServiceVersion20100801", "1.0", "CLOUDWATCH", "cloudwatch");

    /// <summary>AWS Systems Manager (used through AWSSDK.SimpleSystemsManagement; listed for endpoints and IAM).</summary>
    public static readonly AwsService Ssm = new("ssm", "ssm", "ssm", "AmazonSSM", "1.1", "SSM", "ssm");

    /// <summary>The request and response content type of the service's JSON protocol.</summary>
    public string ContentType => "application/x-amz-json-" + JsonVersion;

    /// <inheritdoc />
    public override string ToString() => Id;
}
