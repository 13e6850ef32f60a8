using AutoPR.Deployment.Aws;

namespace AutoPR.Deployment.Ecs;

/// <summary>Every ECS operation <see cref="EcsClient"/> calls; the IAM policy of a deployer derives from this list.</summary>
public static class EcsOperations
{
    /// <summary>ecs:DescribeClusters.</summary>
    public static readonly AwsOperation DescribeClusters = new(AwsService.Ecs, "DescribeClusters");

    /// <summary>ecs:CreateService.</summary>
    public static readonly AwsOperation CreateService = new(AwsService.Ecs, "CreateService");

    /// <summary>ecs:DescribeServices.</summary>
    public static readonly AwsOperation DescribeServices = new(AwsService.Ecs, "DescribeServices");

    /// <summary>ecs:UpdateService.</summary>
    public static readonly AwsOperation UpdateService = new(AwsService.Ecs, "UpdateService");

    /// <summary>ecs:RegisterTaskDefinition.</summary>
    public static readonly AwsOperation RegisterTaskDefinition = new(AwsService.Ecs, "RegisterTaskDefinition");

    /// <summary>ecs:DescribeTaskDefinition.</summary>
    public static readonly AwsOperation DescribeTaskDefinition = new(AwsService.Ecs, "DescribeTaskDefinition");

    /// <summary>ecs:ListTaskDefinitions.</summary>
    public static readonly AwsOperation ListTaskDefinitions = new(AwsService.Ecs, "ListTaskDefinitions");

    /// <summary>ecs:DeregisterTaskDefinition.</summary>
    public static readonly AwsOperation DeregisterTaskDefinition = new(AwsService.Ecs, "DeregisterTaskDefinition");

    /// <summary>ecs:ListTasks.</summary>
    public static readonly AwsOperation ListTasks = new(AwsService.Ecs, "ListTasks");

    /// <summary>ecs:DescribeTasks.</summary>
    public static readonly AwsOperation DescribeTasks = new(AwsService.Ecs, "DescribeTasks");

    /// <summary>ecs:ListServiceDeployments.</summary>
    public static readonly AwsOperation ListServiceDeployments = new(AwsService.Ecs, "ListServiceDeployments");

    /// <summary>ecs:DescribeServiceDeployments.</summary>
    public static readonly AwsOperation DescribeServiceDeployments = new(AwsService.Ecs, "DescribeServiceDeployments");

    /// <summary>ecs:DescribeServiceRevisions.</summary>
    public static readonly AwsOperation DescribeServiceRevisions = new(AwsService.Ecs, "DescribeServiceRevisions");

    /// <summary>ecs:StopServiceDeployment.</summary>
    public static readonly AwsOperation StopServiceDeployment = new(AwsService.Ecs, "StopServiceDeployment");

    /// <summary>ecs:TagResource.</summary>
    public static readonly AwsOperation TagResource = new(AwsService.Ecs, "TagResource");

    /// <summary>ecs:ListTagsForResource.</summary>
    public static readonly AwsOperation ListTagsForResource = new(AwsService.Ecs, "ListTagsForResource");

    /// <summary>All of them, in the order above.</summary>
    public static IReadOnlyList<AwsOperation> All { get; } =
    [
        DescribeClusters, CreateService, DescribeServices, UpdateService, RegisterTaskDefinition, DescribeTaskDefinition,
        ListTaskDefinitions, DeregisterTaskDefinition, ListTasks, DescribeTasks, ListServiceDeployments,
        DescribeServiceDeployments, DescribeServiceRevisions, StopServiceDeployment, TagResource, ListTagsForResource,
    ];
}
