namespace AutoPR.LocalEcs.Deployments;

/// <summary>ECS's task stoppedReason texts and stop codes.</summary>
public static class StopReasons
{
    public const string EssentialContainerExited = "Essential container in task exited";
    public const string ContainerHealthChecks = "Task failed container health checks";

    public static string ElbHealthChecks(string targetGroupArn) => $"Task failed ELB health checks in (target-group {targetGroupArn})";

    public static string ScalingActivity(string deploymentId) => $"Scaling activity initiated by (deployment {deploymentId})";

    public const string CodeEssentialContainerExited = "EssentialContainerExited";
    public const string CodeTaskFailedToStart = "TaskFailedToStart";
    public const string CodeServiceScheduler = "ServiceSchedulerInitiated";
    public const string CodeUser = "UserInitiated";
}
