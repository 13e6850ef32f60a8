using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Rollback;

/// <summary>Log messages of the rollback.</summary>
internal static class RollbackLog
{
    public static void LogStopConflict(this ILogger logger, string serviceDeploymentArn, string error) =>
        logger.LogInformation("StopServiceDeployment {Arn} was refused ({Error}); following the deployment as it is", serviceDeploymentArn, error);

    public static void LogDirectionUnknown(this ILogger logger, string serviceDeploymentArn, string error) =>
        logger.LogInformation("could not read the revisions of {Arn} ({Error}); taking them from the service", serviceDeploymentArn, error);
}
