using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Ecs.Operations;

namespace AutoPR.LocalEcs.Ecs;

/// <summary>The ECS operation table (X-Amz-Target AmazonEC2ContainerServiceV20141113.*).</summary>
public static class EcsApi
{
    public static AwsApi Create(
        ClusterOperations clusters,
        TaskDefinitionOperations taskDefinitions,
        ServiceOperations services,
        TaskOperations tasks,
        RunTaskOperation runTask,
        ServiceDeploymentOperations serviceDeployments,
        LifecycleHookOperations lifecycleHooks,
        TagOperations tags) =>
        new("ecs", "AmazonEC2ContainerServiceV20141113", "application/x-amz-json-1.1", "InvalidParameterException", new Dictionary<string, AwsOperationHandler>(StringComparer.Ordinal)
        {
            ["CreateCluster"] = clusters.CreateClusterAsync,
            ["DescribeClusters"] = clusters.DescribeClustersAsync,
            ["ListClusters"] = clusters.ListClustersAsync,
            ["DeleteCluster"] = clusters.DeleteClusterAsync,
            ["RegisterTaskDefinition"] = taskDefinitions.RegisterAsync,
            ["DescribeTaskDefinition"] = taskDefinitions.DescribeAsync,
            ["ListTaskDefinitions"] = taskDefinitions.ListAsync,
            ["ListTaskDefinitionFamilies"] = taskDefinitions.ListFamiliesAsync,
            ["DeregisterTaskDefinition"] = taskDefinitions.DeregisterAsync,
            ["CreateService"] = services.CreateAsync,
            ["UpdateService"] = services.UpdateAsync,
            ["DescribeServices"] = services.DescribeAsync,
            ["DeleteService"] = services.DeleteAsync,
            ["ListServices"] = services.ListAsync,
            ["RunTask"] = runTask.RunAsync,
            ["ListTasks"] = tasks.ListAsync,
            ["DescribeTasks"] = tasks.DescribeAsync,
            ["StopTask"] = tasks.StopAsync,
            ["ListServiceDeployments"] = serviceDeployments.ListAsync,
            ["DescribeServiceDeployments"] = serviceDeployments.DescribeAsync,
            ["StopServiceDeployment"] = serviceDeployments.StopAsync,
            ["ContinueServiceDeployment"] = lifecycleHooks.ContinueAsync,
            ["DescribeServiceRevisions"] = serviceDeployments.DescribeRevisionsAsync,
            ["TagResource"] = tags.TagAsync,
            ["UntagResource"] = tags.UntagAsync,
            ["ListTagsForResource"] = tags.ListAsync,
        });
}
