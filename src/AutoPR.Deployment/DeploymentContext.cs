using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment;

/// <summary>
/// What deploying, verifying and rolling back one environment share: the environment, the clock, the loggers, the
/// per-environment lock and the one history recorder. Made once per environment (by <see cref="Deployments"/>, or
/// by a test); every part of the library that acts on the environment takes it.
/// </summary>
public sealed class DeploymentContext
{
    private readonly ILoggerFactory _loggers;
    private readonly string? _lockDirectory;

    /// <summary>Creates the context; <paramref name="history"/> null keeps no history (a library user without one).</summary>
    public DeploymentContext(DeploymentEnvironment environment, EcsClient ecs, DeploymentHistory? history = null, DeploymentContextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(ecs);
        options ??= new DeploymentContextOptions();
        Environment = environment;
        Time = options.Time;
        _loggers = options.Loggers ?? NullLoggerFactory.Instance;
        _lockDirectory = options.DryRun ? null : options.LockDirectory;
        Recorder = new HistoryRecorder(this, ecs, history, write: !options.DryRun, Logger("History"));
    }

    /// <summary>The environment acted on.</summary>
    public DeploymentEnvironment Environment { get; }

    /// <summary>The clock (a fake one in tests, so they never sleep).</summary>
    public TimeProvider Time { get; }

    /// <summary>The one path by which deployments, verifications and rollbacks are recorded.</summary>
    public HistoryRecorder Recorder { get; }

    /// <summary>The environment's task-definition family ("autopr-staging").</summary>
    public string Family => TemplateValues.Family(Environment);

    /// <summary>A logger of the library's <paramref name="category"/> ("Deployer", "Verifier", ...).</summary>
    public ILogger Logger(string category) => _loggers.CreateLogger(category);

    /// <summary>
    /// Takes the environment's lock on this machine (one deployment per environment at a time), or throws
    /// <see cref="DeploymentRefusedException"/> naming the holder; null when no lock directory was given.
    /// </summary>
    public EnvironmentLock? Lock(string holder) =>
        _lockDirectory is null ? null : EnvironmentLock.Acquire(_lockDirectory, Environment.Name, holder, Time);
}
