using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Credentials;
using AutoPR.Deployment.Aws.Endpoints;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Aws.Retries;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Logs;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Rds;
using AutoPR.Deployment.S3;
using AutoPR.Deployment.Ssm;

namespace AutoPR.Deployment;

/// <summary>
/// The AWS clients of one environment, sharing one signed, retrying connection: region, credentials and
/// endpoints are resolved once, from the environment file and the process environment.
/// </summary>
public sealed class AwsClients : IDisposable
{
    private AwsClients(AwsJsonClient core, AwsConnectionOptions options)
    {
        Core = core;
        Options = options;
        Ecs = new EcsClient(core);
        Ecr = new EcrClient(core, options.Time);
        CloudWatch = new CloudWatchClient(core);
        Ssm = SsmParameterChecker.Create(options.Credentials, options.Endpoints, options.Retry, options.Logger);
        SsmParameters = new SsmClient(core);
        Logs = new LogsClient(core);
        Rds = new RdsClient(new AwsQueryClient(core));
        S3 = new S3Client(core);
    }

    /// <summary>
    /// Every operation a deployment may call, for the deployer's IAM policy ("ecs:UpdateService", ...), each once.
    /// Not in it: what only the local stack and operators call (<see cref="EcsOperations.CreateCluster"/>,
    /// <see cref="SsmOperations.ParameterWrites"/>).
    /// </summary>
    public static IReadOnlyList<AwsOperation> AllOperations { get; } =
        [.. new[] { EcsClient.Operations, EcrClient.Operations, CloudWatchClient.Operations, SsmParameterChecker.Operations, SsmClient.Operations, LogsClient.Operations, RdsClient.Operations, S3Client.Operations }
            .SelectMany(o => o).Distinct()];

    /// <summary>The shared JSON-protocol connection (its Retrying event reports retries).</summary>
    public AwsJsonClient Core { get; }

    /// <summary>The resolved connection settings (region, endpoints, retry).</summary>
    public AwsConnectionOptions Options { get; }

    /// <summary>Amazon ECS.</summary>
    public EcsClient Ecs { get; }

    /// <summary>Amazon ECR.</summary>
    public EcrClient Ecr { get; }

    /// <summary>Amazon CloudWatch metrics.</summary>
    public CloudWatchClient CloudWatch { get; }

    /// <summary>SSM secret parameter checks.</summary>
    public SsmParameterChecker Ssm { get; }

    /// <summary>SSM parameters: read, and (local stack, operators) write and delete.</summary>
    public SsmClient SsmParameters { get; }

    /// <summary>Amazon CloudWatch Logs.</summary>
    public LogsClient Logs { get; }

    /// <summary>Amazon RDS snapshots (AWS Query protocol, over the same connection).</summary>
    public RdsClient Rds { get; }

    /// <summary>Amazon S3 objects (the Terraform state an environment file refers to).</summary>
    public S3Client S3 { get; }

    /// <summary>
    /// Resolves region (environment file, AWS_REGION, AWS_DEFAULT_REGION, profile), endpoints (environment file,
    /// AWS_ENDPOINT_URL_*, AWS_ENDPOINT_URL, standard/FIPS), retries (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS) and
    /// credentials (local, or the default chain), then creates the clients. Misconfiguration is one clear line
    /// (<see cref="AwsConfigurationException"/>).
    /// </summary>
    public static Task<AwsClients> CreateAsync(DeploymentEnvironment environment, AwsClientsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return CreateAsync(environment.Aws, options, cancellationToken);
    }

    /// <summary>The clients for an environment's <paramref name="aws"/> section alone (what is known before its Terraform outputs).</summary>
    public static async Task<AwsClients> CreateAsync(AwsSettings aws, AwsClientsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aws);
        options ??= new AwsClientsOptions();
        var region = AwsRegionResolver.Resolve(aws.Region, options.GetVariable);
        var endpoints = AwsEndpointSettings.FromEnvironment(options.GetVariable, aws.Endpoints);
        var retry = AwsRetryOptions.FromEnvironment(options.GetVariable);
        var credentials = options.Credentials
            ?? await new AwsCredentialResolver(options.GetVariable).ResolveAsync(aws.Credentials, cancellationToken).ConfigureAwait(false);
        return Create(new AwsConnectionOptions
        {
            Region = region,
            Credentials = credentials,
            Endpoints = endpoints,
            Retry = retry,
            Transport = options.Transport,
            Time = options.Time,
            Logger = options.Logger,
            ReadOnly = options.ReadOnly,
        });
    }

    /// <summary>Creates the clients over explicit connection settings.</summary>
    public static AwsClients Create(AwsConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AwsClients(new AwsJsonClient(options), options);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Ssm.Dispose();
        Ecr.Dispose();
        Core.Dispose();
    }
}
