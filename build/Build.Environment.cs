using AutoPR.Build;
using AutoPR.Deployment;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Infrastructure;
using AutoPR.Deployment.Publishing;
using Serilog.Extensions.Logging;

namespace AutoPR.BuildDefinition;

/// <summary>The deployment environment every deploy-side target works on (deploy/environments/NAME.json).</summary>
internal sealed partial class Build
{
    [Parameter("Deployment environment: a file in deploy/environments", AllowedValuesFrom = nameof(EnvironmentNames))]
    public string? Environment { get; set; }

    static AbsolutePath EnvironmentsDirectory => RootDirectory / "deploy" / "environments";

    static IEnumerable<string> EnvironmentNames => EnvironmentLoader.ListNames(EnvironmentsDirectory);

    EnvironmentHeader? _environmentFile;
    DeploymentEnvironment? _deploymentEnvironment;

    /// <summary>
    /// What the selected environment file says before its Terraform references are read (approval, local or not,
    /// the image repository). Targets list it in Requires, so a missing or broken file is one line and exit code 2
    /// before anything runs; a file without references is validated whole here.
    /// </summary>
    EnvironmentHeader? EnvironmentFile => Environment is null ? null : _environmentFile ??= EnvironmentLoader.ReadHeader(EnvironmentsDirectory, Environment);

    /// <summary>
    /// Whether the selected environment is local. Static conditions (LocalUp's) read this while the plan is made,
    /// before the requirements are checked: a broken environment file counts as not local here, so that the
    /// requirement check reports it (one line, exit code 2) instead of the planner crashing with a stack trace.
    /// </summary>
    bool IsLocalEnvironment
    {
        get
        {
            try
            {
                return EnvironmentFile?.IsLocal == true;
            }
            catch (EnvironmentConfigurationException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The selected environment, whole: its ${tf.NAME} references resolved from the Terraform outputs its file names
    /// (the state in S3, read with its credentials), once per run. A reference the outputs lack, or a state that
    /// cannot be read, is one line and exit code 2, before anything changes.
    /// </summary>
    async Task<DeploymentEnvironment> SelectedEnvironmentAsync(CancellationToken cancellationToken) =>
        _deploymentEnvironment ??= await LoadEnvironmentAsync(Environment!, cancellationToken);

    /// <summary>Loads environment <paramref name="name"/> with its Terraform outputs.</summary>
    static async Task<DeploymentEnvironment> LoadEnvironmentAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var outputs = new TerraformOutputReader(new AwsClientsOptions { Logger = LibraryLogger("Aws") }, LibraryLogger("Terraform"));
            return await EnvironmentLoader.LoadAsync(EnvironmentsDirectory, name, outputs, cancellationToken);
        }
        catch (EnvironmentConfigurationException invalid)
        {
            throw new TargetExitCodeException(ExitCodes.UsageError, invalid.Message);
        }
    }

    /// <summary>The library logs through Microsoft.Extensions.Logging; the build's Serilog logger receives it.</summary>
    static SerilogLoggerFactory LibraryLoggers { get; } = new(Serilog.Log.Logger);

    static Microsoft.Extensions.Logging.ILogger LibraryLogger(string category) => LibraryLoggers.CreateLogger(category);

    /// <summary>Local state: the history mirror and the per-environment deployment locks.</summary>
    static AbsolutePath DeploymentStateDirectory => RootDirectory / ".autopr";

    static AbsolutePath PushRecordFile(string environment) => ArtifactsDirectory / "docker" / $"push-{environment}.json";

    static string Actor =>
        System.Environment.GetEnvironmentVariable("GITHUB_ACTOR") is { Length: > 0 } github ? $"github:{github}"
        : $"{System.Environment.UserName}@{System.Environment.MachineName}";

    Deployments? _deployments;

    /// <summary>The deployment library for the selected environment, opened once per run (read-only under --dry-run).</summary>
    async Task<Deployments> DeploymentsAsync(CancellationToken cancellationToken) =>
        _deployments ??= await OpenDeploymentsAsync(await SelectedEnvironmentAsync(cancellationToken), cancellationToken);

    /// <summary>The deployment library for <paramref name="environment"/>, bound to this run's parameters.</summary>
    Task<Deployments> OpenDeploymentsAsync(DeploymentEnvironment environment, CancellationToken cancellationToken) =>
        Deployments.OpenAsync(
            environment,
            new DeploymentsOptions
            {
                StateDirectory = DeploymentStateDirectory,
                TemplatesDirectory = RootDirectory / "deploy",
                DryRun = DryRun,
                RolloutTimeout = DeployTimeout,
                FailureLogLines = FailureLogLines ?? AutoPR.Deployment.Logs.FailingTaskLogs.DefaultLines,
                Loggers = LibraryLoggers,
            },
            cancellationToken);

    /// <summary>Keeps what PushEcr or Promote put in the registry for the targets after it; a dry run writes nothing.</summary>
    async Task RecordPushAsync(PushOutcome outcome, CancellationToken cancellationToken)
    {
        if (!DryRun)
        {
            await outcome.Record.WriteAsync(PushRecordFile(outcome.Record.Environment), cancellationToken);
        }

        if (!outcome.Pushed)
        {
            throw new TargetSkippedException(outcome.Summary);
        }

        Serilog.Log.Information("{Summary}", outcome.Summary);
    }
}
