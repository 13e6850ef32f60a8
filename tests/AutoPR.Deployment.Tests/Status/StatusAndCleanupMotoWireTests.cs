using System.Globalization;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Cleanup;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Status;
using AutoPR.Deployment.Templates;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Status;

/// <summary>
/// Status and Cleanup over the wire against moto_server: an ECS that has no service-deployment APIs (as an older
/// endpoint or another emulator): Status reads the service's deployments[] and tasks; Cleanup keeps what it must.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class StatusAndCleanupMotoWireTests(MotoServerFixture moto)
{
    private static readonly AwsOperation CreateCluster = new(AwsService.Ecs, "CreateCluster", AwsAccess.Write);

    [Fact]
    public async Task Status_and_Cleanup_read_what_runs_and_keep_it_without_the_service_deployment_APIs()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var ecs = clients.Ecs;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var environment = RepositoryEnvironments.Load("dev") with { Cluster = "autopr-" + suffix, Service = "svc-" + suffix };
        var family = TemplateValues.Family(environment);
        await clients.Core.SendAsync(CreateCluster, new JsonObject { ["clusterName"] = environment.Cluster }, CancellationToken.None);
        var revisions = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            revisions.Add((await ecs.RegisterTaskDefinitionAsync(SampleDocuments.TaskDefinition(family, $"123456789012.dkr.ecr.us-east-1.amazonaws.com/autopr:{i.ToString(CultureInfo.InvariantCulture)}"))).Arn!);
        }

        var history = new DeploymentHistory(ecs);
        var now = DateTimeOffset.UtcNow;
        await history.RecordAsync(Verified(environment.Name, revisions[0], now.AddMinutes(-30)));
        await history.RecordAsync(Verified(environment.Name, revisions[1], now.AddMinutes(-5)));
        var cleanup = new RevisionCleanup(ecs, history, new DeploymentContext(environment, ecs, history));

        // No service yet: nothing runs, so only the newest and the last verified release stay.
        var result = await cleanup.RunAsync(keep: 1, dryRun: false, progress: null);

        Assert.Equal([(revisions[3], KeepReasons.Newest), (revisions[1], KeepReasons.LastVerified | KeepReasons.RollbackTarget)],
            result.Plan.Kept.Select(k => (k.TaskDefinitionArn, k.Reasons)));
        Assert.Equal([revisions[0], revisions[2]], result.Deregistered);
        Assert.Equal("INACTIVE", (await ecs.DescribeTaskDefinitionAsync(revisions[2])).Status);

        var (subnet, securityGroup) = await MotoEc2.DefaultNetworkAsync(moto.Endpoint);
        var definition = SampleDocuments.ServiceDefinition(environment.Cluster, environment.Service, family + ":2");
        definition["networkConfiguration"] = new JsonObject
        {
            ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray(subnet), ["securityGroups"] = new JsonArray(securityGroup), ["assignPublicIp"] = "DISABLED" },
        };
        await ecs.CreateServiceAsync(definition);

        var status = await new EnvironmentStatusReader(ecs, history).ReadAsync(environment, family);

        Assert.True(status.ServiceExists, status.Summary);
        Assert.Equal(revisions[1], status.TaskDefinitionArn);
        Assert.Equal(revisions[1], Assert.Single(status.Revisions, r => r.DeploymentStatus == "PRIMARY").TaskDefinitionArn);
        Assert.Equal(revisions[1], status.LastVerified?.TaskDefinitionArn);
        Assert.Null(status.RollbackTarget); // the other verified release was deregistered
        Assert.Contains($"runs {family}:2", EnvironmentStatusFormatter.ToText(status), StringComparison.Ordinal);

        // moto's service stays IN_PROGRESS and it cannot list service deployments (HTTP 500): Cleanup fails rather than
        // guess what a deployment in progress still needs, and deregisters nothing.
        await Assert.ThrowsAsync<AwsServiceException>(() => cleanup.RunAsync(keep: 1, dryRun: false, progress: null));
        Assert.Equal("ACTIVE", (await ecs.DescribeTaskDefinitionAsync(revisions[3])).Status);
        Assert.Equal("ACTIVE", (await ecs.DescribeTaskDefinitionAsync(revisions[1])).Status);
    }

    private static DeploymentRecord Verified(string environment, string arn, DateTimeOffset finished) => new()
    {
        Kind = DeploymentKind.Deploy,
        Environment = environment,
        TaskDefinitionArn = arn,
        Actor = "tester",
        StartedAt = finished.AddMinutes(-2),
        FinishedAt = finished,
        Outcome = DeploymentOutcome.Verified,
    };
}
