using AutoPR.Build;
using AutoPR.Deployment.Environments;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;

namespace AutoPR.BuildDefinition;

/// <summary>The deployment environment every deploy-side target works on (deploy/environments/NAME.json).</summary>
internal sealed partial class Build
{
    [Parameter("Deployment environment: a file in deploy/environments", AllowedValuesFrom = nameof(EnvironmentNames))]
    public string? Environment { get; set; }

    DeploymentEnvironment? _deploymentEnvironment;

    static AbsolutePath EnvironmentsDirectory => RootDirectory / "deploy" / "environments";

    static IEnumerable<string> EnvironmentNames => EnvironmentLoader.ListNames(EnvironmentsDirectory);

    /// <summary>
    /// The loaded environment. Targets list it in Requires, so a missing or broken file is one line and exit
    /// code 2 before anything runs.
    /// </summary>
    DeploymentEnvironment? SelectedEnvironment => Environment is null ? null : _deploymentEnvironment ??= EnvironmentLoader.Load(EnvironmentsDirectory, Environment);

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
                return SelectedEnvironment?.IsLocal == true;
            }
            catch (EnvironmentConfigurationException)
            {
                return false;
            }
        }
    }

    /// <summary>The library logs through Microsoft.Extensions.Logging; the build's Serilog logger receives it.</summary>
    static Microsoft.Extensions.Logging.ILogger LibraryLogger(string category) =>
        new SerilogLoggerFactory(Serilog.Log.Logger).CreateLogger(category);
}
