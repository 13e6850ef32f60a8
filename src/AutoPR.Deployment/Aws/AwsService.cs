namespace AutoPR.Deployment.Aws;

/// <summary>
/// The protocol facts of one AWS service, as its official API model states them: who signs, which host
/// prefix, which JSON protocol version and target prefix, and which prefix IAM actions use.
/// </summary>
/// <param name="Id">Short identifier, used in logs, errors and as the key of aws.endpoints ("ecs", "ecr", "cloudwatch", "ssm", "rds", "logs", "s3").</param>
/// <param name="SigningName">SigV4 service name (credential scope).</param>
/// <param name="EndpointPrefix">Host prefix of the standard regional endpoint.</param>
/// <param name="TargetPrefix">Prefix of the X-Amz-Target header value (empty for a Query-protocol service).</param>
/// <param name="JsonVersion">AWS JSON protocol version ("1.0" or "1.1"; empty for a Query-protocol service).</param>
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

    /// <summary>AWS Systems Manager (AWS JSON 1.1): parameters through the SSM client, secret checks through AWSSDK.SimpleSystemsManagement.</summary>
    public static readonly AwsService Ssm = new("ssm", "ssm", "ssm", "AmazonSSM", "1.1", "SSM", "ssm");

    /// <summary>Amazon CloudWatch Logs (AWS JSON 1.1, signs as "logs").</summary>
    public static readonly AwsService Logs = new("logs", "logs", "logs", "Logs_20140328", "1.1", "CLOUDWATCH_LOGS", "logs");

    /// <summary>Amazon RDS: the AWS Query protocol (form-encoded POST, XML answers), API version 2014-10-31.</summary>
    public static readonly AwsService Rds = new("rds", "rds", "rds", string.Empty, string.Empty, "RDS", "rds") { QueryVersion = "2014-10-31" };

    /// <summary>Amazon S3, REST (GET of an object: the Terraform state environment files refer to).</summary>
    public static readonly AwsService S3 = new("s3", "s3", "s3", string.Empty, string.Empty, "S3", "s3");

    /// <summary>The API version a Query-protocol service takes in its Version field; null for a JSON-protocol service.</summary>
    public string? QueryVersion { get; init; }

    /// <summary>The request and response content type of the service's JSON protocol.</summary>
    public string ContentType => "application/x-amz-json-" + JsonVersion;

    /// <inheritdoc />
    public override string ToString() => Id;
}
