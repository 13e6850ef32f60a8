using System.Text.Json.Nodes;
using AutoPR.Deployment;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Ecs;

/// <summary>Test group 2: the ECS operations moto supports, over the wire against moto_server.</summary>
[Collection(MotoCollection.Name)]
public sealed class EcsMotoWireTests(MotoServerFixture moto)
{
    private static readonly AwsOperation CreateCluster = new(AwsService.Ecs, "CreateCluster", AwsAccess.Write);
    private static readonly AwsOperation RunTask = new(AwsService.Ecs, "RunTask", AwsAccess.Write);

    [Fact]
    public async Task Clusters_task_definitions_services_tasks_and_tags_round_trip_through_moto()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var ecs = clients.Ecs;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var cluster = "autopr-" + suffix;
        var family = "autopr-" + suffix;

        // Setup through the same signed core (CreateCluster/RunTask are not operations the deployment needs).
        await clients.Core.SendAsync(CreateCluster, new JsonObject { ["clusterName"] = cluster }, CancellationToken.None);

        var clusters = await ecs.DescribeClustersAsync([cluster, "autopr-missing-" + suffix]);
        Assert.Equal(cluster, Assert.Single(clusters.Items).Name);
        Assert.Equal("ACTIVE", clusters.Items[0].Status);
        Assert.Equal("MISSING", Assert.Single(clusters.Failures).Reason);

        var first = await ecs.RegisterTaskDefinitionAsync(SampleDocuments.TaskDefinition(family));
        var second = await ecs.RegisterTaskDefinitionAsync(SampleDocuments.TaskDefinition(family, "123456789012.dkr.ecr.us-east-1.amazonaws.com/autopr:second"));
        Assert.Equal(1, first.Revision);
        Assert.Equal(2, second.Revision);
        Assert.Equal(family, second.Family);
        Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/autopr:second", second.ContainerImages["autopr"]);

        var described = await ecs.DescribeTaskDefinitionAsync(family + ":1");
        Assert.Equal(first.Arn, described.Arn);
        Assert.Equal("autopr", described.Tags["project"]);

        var listed = new List<string>();
        await foreach (var arn in ecs.ListTaskDefinitionsAsync(familyPrefix: family))
        {
            listed.Add(arn);
        }

        Assert.Equal([first.Arn!, second.Arn!], listed);

        var deregistered = await ecs.DeregisterTaskDefinitionAsync(family + ":1");
        Assert.Equal("INACTIVE", deregistered.Status);

        // moto checks subnets against its EC2 emulation: use its default VPC's.
        var (subnet, securityGroup) = await MotoEc2.DefaultNetworkAsync(moto.Endpoint);
        var network = new JsonObject
        {
            ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray(subnet), ["securityGroups"] = new JsonArray(securityGroup), ["assignPublicIp"] = "DISABLED" },
        };
        var definition = SampleDocuments.ServiceDefinition(cluster, "autopr", family + ":2");
        definition["networkConfiguration"] = network.DeepClone();
        var service = await ecs.CreateServiceAsync(definition);
        Assert.Equal("autopr", service.Name);
        Assert.Equal(second.Arn, service.TaskDefinition);

        var services = await ecs.DescribeServicesAsync(cluster, ["autopr", "nothing-here"]);
        Assert.Equal("ACTIVE", Assert.Single(services.Items).Status);
        Assert.Equal("MISSING", Assert.Single(services.Failures).Reason);
        Assert.Null(await ecs.DescribeServiceAsync(cluster, "nothing-here"));

        // moto's RunTask needs a container-level memory (real Fargate does not); the document carries it unchanged.
        var thirdDefinition = SampleDocuments.TaskDefinition(family, "123456789012.dkr.ecr.us-east-1.amazonaws.com/autopr:third");
        thirdDefinition["containerDefinitions"]![0]!["memory"] = 512;
        var third = await ecs.RegisterTaskDefinitionAsync(thirdDefinition);
        var updated = await ecs.UpdateServiceAsync(SampleDocuments.UpdateServiceRequest(cluster, "autopr", family + ":3"));
        // ECS answers with the ARN; moto echoes the family:revision it was given.
        Assert.Contains(updated.TaskDefinition, new[] { third.Arn, family + ":3" });
        Assert.Equal(2, updated.DesiredCount);

        var run = await clients.Core.SendAsync(RunTask, new JsonObject
        {
            ["cluster"] = cluster,
            ["taskDefinition"] = family + ":3",
            ["launchType"] = "FARGATE",
            ["count"] = 1,
            ["networkConfiguration"] = network.DeepClone(),
        }, CancellationToken.None);
        var startedArn = run["tasks"]![0]!["taskArn"]!.GetValue<string>();

        var tasks = new List<string>();
        await foreach (var arn in ecs.ListTasksAsync(cluster))
        {
            tasks.Add(arn);
        }

        Assert.Contains(startedArn, tasks);
        var taskViews = await ecs.DescribeTasksAsync(cluster, tasks);
        Assert.Contains(taskViews.Items, t => t.Arn == startedArn && t.TaskDefinitionArn == third.Arn);

        await ecs.TagResourceAsync(third.Arn!, new Dictionary<string, string> { ["deployed-by"] = "autopr", ["revision"] = "abc1234" });
        var tags = await ecs.ListTagsForResourceAsync(third.Arn!);
        Assert.Equal("autopr", tags["deployed-by"]);
        Assert.Equal("abc1234", tags["revision"]);
    }

    [Fact]
    public async Task An_unknown_task_definition_is_a_client_error_with_moto_s_code_and_message()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Ecs.DescribeTaskDefinitionAsync("autopr-never-registered:9"));

        Assert.Equal("ecs", error.Service);
        Assert.Equal("DescribeTaskDefinition", error.Operation);
        Assert.Equal("ClientException", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorMessage));
    }
}
