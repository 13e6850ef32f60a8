using AutoPR.Deployment.Aws;

namespace AutoPR.Deployment.Ecs;

/// <summary>Every ECS operation <see cref="EcsClient"/> calls; the IAM policy of a deployer derives from this list.</summary>
public static class EcsOperations
{
    /// <summary>ecs:DescribeClusters.</summary>
    public static readonly AwsOperation DescribeClusters = new(AwsService.Ecs, "DescribeClusters", AwsAccess.Read);

    /// <summary>ecs:CreateService.</summary>
    public static readonly AwsOperation CreateService = new(AwsService.Ecs, "CreateService", AwsAccess.Write);

    /// <summary>ecs:DescribeServices.</summary>
    public static readonly AwsOperation DescribeServices = new(AwsService.Ecs, "DescribeServices", AwsAccess.Read);

    /// <summary>ecs:UpdateService.</summary>
    public static readonly AwsOperation UpdateService = new(AwsService.Ecs, "UpdateService", AwsAccess.Write);

    /// <summary>ecs:RegisterTaskDefinition.</summary>
    public static readonly AwsOperation RegisterTaskDefinition = new(AwsService.Ecs, "RegisterTaskDefinition", AwsAccess.Write);

    /// <summary>ecs:DescribeTaskDefinition.</summary>
    public static readonly AwsOperation DescribeTaskDefinition = new(AwsService.Ecs, "DescribeTaskDefinition", AwsAccess.Read);

    /// <summary>ecs:ListTaskDefinitions.</summary>
    public static readonly AwsOperation ListTaskDefinitions = new(AwsService.Ecs, "ListTaskDefinitions", AwsAccess.Read);

    /// <summary>ecs:DeregisterTaskDefinition.</summary>
    public static readonly AwsOperation DeregisterTaskDefinition = new(AwsService.Ecs, "DeregisterTaskDefinition", AwsAccess.Write);

    /// <summary>ecs:ListTasks.</summary>
    public static readonly AwsOperation ListTasks = new(AwsService.Ecs, "ListTasks", AwsAccess.Read);

    /// <summary>ecs:DescribeTasks.</summary>
    public static readonly AwsOperation DescribeTasks = new(AwsService.Ecs, "DescribeTasks", AwsAccess.Read);

    /// <summary>ecs:RunTask: one-off tasks (RunTask, Migrate, the schema's down steps).</summary>
    public static readonly AwsOperation RunTask = new(AwsService.Ecs, "RunTask", AwsAccess.Write);

    /// <summary>ecs:StopTask: stops a one-off task that outlived its timeout or was interrupted.</summary>
    public static readonly AwsOperation StopTask = new(AwsService.Ecs, "StopTask", AwsAccess.Write);

    /// <summary>ecs:ListServiceDeployments.</summary>
    public static readonly AwsOperation ListServiceDeployments = new(AwsService.Ecs, "ListServiceDeployments", AwsAccess.Read);

    /// <summary>ecs:DescribeServiceDeployments.</summary>
    public static readonly AwsOperation DescribeServiceDeployments = new(AwsService.Ecs, "DescribeServiceDeployments", AwsAccess.Read);

    /// <summary>ecs:DescribeServiceRevisions.</summary>
    public static readonly AwsOperation DescribeServiceRevisions = new(AwsService.Ecs, "DescribeServiceRevisions", AwsAccess.Read);

    /// <summary>ecs:StopServiceDeployment.</summary>
    public static readonly AwsOperation StopServiceDeployment = new(AwsService.Ecs, "StopServiceDeployment", AwsAccess.Write);

    /// <summary>ecs:ContinueServiceDeployment: continues or rolls back a deployment waiting at a PAUSE lifecycle hook.</summary>
    public static readonly AwsOperation ContinueServiceDeployment = new(AwsService.Ecs, "ContinueServiceDeployment", AwsAccess.Write);

    /// <summary>ecs:TagResource.</summary>
    public static readonly AwsOperation TagResource = new(AwsService.Ecs, "TagResource", AwsAccess.Write);

    /// <summary>ecs:ListTagsForResource.</summary>
    public static readonly AwsOperation ListTagsForResource = new(AwsService.Ecs, "ListTagsForResource", AwsAccess.Read);

    /// <summary>
    /// ecs:CreateCluster: only for the local stand-in, where LocalUp makes the cluster. On AWS the cluster is
    /// infrastructure made elsewhere, so it is not in <see cref="All"/> and not in the deploy role.
    /// </summary>
    public static readonly AwsOperation CreateCluster = new(AwsService.Ecs, "CreateCluster", AwsAccess.Write);

    /// <summary>All of them, in the order above.</summary>
    public static IReadOnlyList<AwsOperation> All { get; } =
    [
        DescribeClusters, CreateService, DescribeServices, UpdateService, RegisterTaskDefinition, DescribeTaskDefinition,
        ListTaskDefinitions, DeregisterTaskDefinition, ListTasks, DescribeTasks, RunTask, StopTask, ListServiceDeployments,
        DescribeServiceDeployments, DescribeServiceRevisions, StopServiceDeployment, ContinueServiceDeployment, TagResource,
        ListTagsForResource,
    ];
}
