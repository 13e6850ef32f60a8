namespace AutoPR.LocalEcs.Tasks;

/// <summary>Docker labels that tie a container to its LocalEcs instance, cluster, service, deployment and task.</summary>
public static class ContainerLabels
{
    public const string Instance = "autopr.localecs.instance";
    public const string Task = "autopr.localecs.task";
    public const string Container = "autopr.localecs.container";
    public const string Cluster = "autopr.localecs.cluster";
    public const string Service = "autopr.localecs.service";
    public const string Deployment = "autopr.localecs.deployment";
    public const string TaskDefinition = "autopr.localecs.task-definition";
    public const string Address = "autopr.localecs.address";

    /// <summary>The label ECS's agent puts on task containers, for familiarity.</summary>
    public const string EcsTaskArn = "com.amazonaws.ecs.task-arn";
}
