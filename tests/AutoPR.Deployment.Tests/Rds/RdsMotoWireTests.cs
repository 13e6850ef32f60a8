using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Rds;

/// <summary>RdsClient against moto_server's RDS (an independent implementation of the Query protocol).</summary>
[Collection(MotoCollection.Name)]
public sealed class RdsMotoWireTests(MotoServerFixture moto)
{
    private static readonly AwsOperation CreateDBInstance = new(AwsService.Rds, "CreateDBInstance", AwsAccess.Write);

    [Fact]
    public async Task A_snapshot_of_a_db_instance_is_created_and_described()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var instance = "autopr-" + Guid.NewGuid().ToString("N")[..8];
        await CreateInstanceAsync(clients, instance);
        var snapshotId = instance + "-pre-migrate";

        var created = await clients.Rds.CreateDbSnapshotAsync(instance, snapshotId, new Dictionary<string, string> { ["revision"] = "abc1234" });
        var described = await clients.Rds.DescribeDbSnapshotAsync(snapshotId);
        var ofInstance = new List<string?>();
        await foreach (var snapshot in clients.Rds.DescribeDbSnapshotsAsync(instance))
        {
            ofInstance.Add(snapshot.Identifier);
        }

        var manual = new List<string?>();
        await foreach (var snapshot in clients.Rds.DescribeDbSnapshotsAsync(instance, "manual"))
        {
            manual.Add(snapshot.Identifier);
        }

        Assert.Equal(snapshotId, created.Identifier);
        Assert.Equal(instance, created.InstanceIdentifier);
        Assert.Contains(created.Status, new[] { "creating", "available" });
        Assert.Equal($"arn:aws:rds:us-east-1:123456789012:snapshot:{snapshotId}", created.Arn);
        Assert.NotNull(described);
        Assert.Equal(snapshotId, described.Identifier);
        Assert.Equal(instance, described.InstanceIdentifier);
        Assert.Equal(created.Arn, described.Arn);
        Assert.NotNull(described.CreatedAt);
        Assert.Equal([snapshotId], manual);

        // moto, like RDS, also takes an automated snapshot ("rds:<instance>-<date>") of a new instance.
        Assert.Contains(snapshotId, ofInstance);
        Assert.Contains(ofInstance, id => id!.StartsWith("rds:" + instance, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rds_error_codes_arrive_as_aws_service_exceptions()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var instance = "autopr-" + Guid.NewGuid().ToString("N")[..8];

        var missingInstance = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Rds.CreateDbSnapshotAsync(instance, instance + "-s"));
        Assert.Equal("DBInstanceNotFound", missingInstance.ErrorCode);
        Assert.Contains(instance, missingInstance.ErrorMessage, StringComparison.Ordinal);

        await CreateInstanceAsync(clients, instance);
        await clients.Rds.CreateDbSnapshotAsync(instance, instance + "-s");
        var twice = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Rds.CreateDbSnapshotAsync(instance, instance + "-s"));
        Assert.Equal("DBSnapshotAlreadyExists", twice.ErrorCode);
        Assert.False(twice.IsRetryable);

        Assert.Null(await clients.Rds.DescribeDbSnapshotAsync(instance + "-never"));
    }

    [Fact]
    public async Task The_backup_before_a_migration_snapshots_the_instance_and_waits_until_it_is_available()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var instance = "autopr-" + Guid.NewGuid().ToString("N")[..8];
        await CreateInstanceAsync(clients, instance);
        var events = new List<string>();

        var snapshot = await new AutoPR.Deployment.Database.Backups.RdsSnapshotBackup(clients.Rds, instance, "production", TimeProvider.System)
            .BackUpAsync("before autopr-production:42 migrate", new InlineProgress(e => events.Add(e.Message)), CancellationToken.None);

        Assert.StartsWith("autopr-production-", snapshot, StringComparison.Ordinal);
        var described = await clients.Rds.DescribeDbSnapshotAsync(snapshot);
        Assert.Equal("available", described!.Status);
        Assert.Equal(instance, described.InstanceIdentifier);
        Assert.Contains(events, e => e.StartsWith($"backup: RDS snapshot {snapshot} of {instance} requested", StringComparison.Ordinal));
        Assert.Contains(events, e => e.StartsWith($"backup: RDS snapshot {snapshot} available after", StringComparison.Ordinal));
    }

    private sealed class InlineProgress(Action<AutoPR.Deployment.Rollout.DeploymentEvent> report) : IProgress<AutoPR.Deployment.Rollout.DeploymentEvent>
    {
        public void Report(AutoPR.Deployment.Rollout.DeploymentEvent value) => report(value);
    }

    private static async Task CreateInstanceAsync(AwsClients clients, string instance) =>
        await new AwsQueryClient(clients.Core).SendAsync(CreateDBInstance,
        [
            new("DBInstanceIdentifier", instance),
            new("DBInstanceClass", "db.t3.micro"),
            new("Engine", "postgres"),
            new("AllocatedStorage", "20"),
            new("MasterUsername", "autopr"),
            new("MasterUserPassword", "not-a-real-password-1"),
        ], CancellationToken.None);
}
