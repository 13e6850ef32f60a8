using System.Text.Json.Serialization;
using AutoPR.Deployment.Aws.Credentials;

namespace AutoPR.Deployment.Environments;

/// <summary>
/// One deployment target, as deploy/environments/NAME.json describes it (validated against
/// environment.schema.json by <see cref="EnvironmentLoader"/>). Every later step reads its settings from here.
/// </summary>
public sealed record DeploymentEnvironment
{
    /// <summary>The environment name; equals the file name.</summary>
    public required string Name { get; init; }

    /// <summary>What the environment is for.</summary>
    public string? Description { get; init; }

    /// <summary>The file it was loaded from.</summary>
    [JsonIgnore]
    public string FilePath { get; init; } = string.Empty;

    /// <summary>Account, region, credentials mode and endpoint overrides.</summary>
    public required AwsSettings Aws { get; init; }

    /// <summary>Where the file's ${tf.NAME} values came from; null when it refers to none.</summary>
    public TerraformSettings? Terraform { get; init; }

    /// <summary>ECS cluster name.</summary>
    public required string Cluster { get; init; }

    /// <summary>ECS service name (also the task-definition family).</summary>
    public required string Service { get; init; }

    /// <summary>The image repository.</summary>
    public required EcrSettings Ecr { get; init; }

    /// <summary>Tasks the service runs.</summary>
    public required int DesiredCount { get; init; }

    /// <summary>Task CPU units.</summary>
    public required int Cpu { get; init; }

    /// <summary>Task memory in MiB.</summary>
    public required int Memory { get; init; }

    /// <summary>LOG_LEVEL of the service.</summary>
    public required string LogLevel { get; init; }

    /// <summary>Plain environment variables of the container.</summary>
    public required IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; }

    /// <summary>Secrets by reference: variable name to SSM parameter ARN (never values).</summary>
    public required IReadOnlyDictionary<string, string> Secrets { get; init; }

    /// <summary>The service's database, when it has one (migrations, schema rollback, backups).</summary>
    public DatabaseSettings? Database { get; init; }

    /// <summary>IAM role the application runs as.</summary>
    public string? TaskRoleArn { get; init; }

    /// <summary>IAM role ECS uses to pull, log and read secrets.</summary>
    public string? ExecutionRoleArn { get; init; }

    /// <summary>CloudWatch Logs group of the awslogs driver.</summary>
    public string? LogGroup { get; init; }

    /// <summary>awsvpc network configuration (AWS environments).</summary>
    public NetworkSettings? Network { get; init; }

    /// <summary>How ECS replaces tasks.</summary>
    public required DeploymentSettings Deployment { get; init; }

    /// <summary>Seconds ECS ignores load-balancer health checks after a task starts.</summary>
    public required int HealthCheckGracePeriodSeconds { get; init; }

    /// <summary>Where traffic enters.</summary>
    public required LoadBalancerSettings LoadBalancer { get; init; }

    /// <summary>URL whose 200 means healthy.</summary>
    public required Uri HealthUrl { get; init; }

    /// <summary>When a rollout counts as good.</summary>
    public required VerificationSettings Verification { get; init; }

    /// <summary>Whether a person must approve a deployment.</summary>
    public required bool RequiresApproval { get; init; }

    /// <summary>Tags for the resources the deployment creates.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Local environments: the CloudWatch alarms LocalUp creates on LocalEcs (AWS environments get theirs from Terraform).</summary>
    public IReadOnlyList<LocalAlarmSettings> LocalAlarms { get; init; } = [];

    /// <summary>Whether this environment is a local stand-in (fixed local credentials, loopback endpoints).</summary>
    [JsonIgnore]
    public bool IsLocal => Aws.Credentials == AwsCredentialMode.Local;

    /// <summary>
    /// The new revision sits behind a test listener before production traffic moves (a traffic-shifting strategy
    /// with a test listener rule and URL): DeployEcs runs the smoke checks there, at POST_TEST_TRAFFIC_SHIFT.
    /// </summary>
    [JsonIgnore]
    public Uri? SmokeCheckUrl => Deployment.ShiftsTraffic && LoadBalancer.TestListenerRuleArn is not null ? LoadBalancer.TestListenerUrl : null;
}
