using AutoPR.Deployment.Rollout;
using Serilog;

namespace AutoPR.BuildDefinition.Reporting;

/// <summary>Writes the library's deployment events to the build log as they happen; a plan prints whole, with its diff.</summary>
internal static class DeploymentEventLog
{
    public static IProgress<DeploymentEvent> Create() => new SynchronousProgress<DeploymentEvent>(Write);

    private static void Write(DeploymentEvent deploymentEvent)
    {
        switch (deploymentEvent)
        {
            case PlanReady plan:
                foreach (var line in plan.Plan.ToText().Split('\n'))
                {
                    Log.Information("{Line}", line.TrimEnd());
                }

                break;
            case AutoPR.Deployment.Cleanup.CleanupPlanned cleanup:
                foreach (var line in cleanup.Plan.ToText(cleanup.DryRun).Split('\n'))
                {
                    Log.Information("{Line}", line);
                }

                break;
            case TaskStopped or RollbackObserved:
                Log.Warning("{Message}", deploymentEvent.Message);
                break;
            default:
                Log.Information("{Message}", deploymentEvent.Message);
                break;
        }
    }
}
