using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Ssm;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Aws;

/// <summary>What keeps --dry-run from changing an account: every operation is a read or a write, and a read-only connection sends no write.</summary>
public sealed class ReadOnlyConnectionTests
{
    // Written out by hand, so that a new operation declared with the wrong access fails here.
    private static readonly string[] Writes =
    [
        "ecs:CreateService", "ecs:UpdateService", "ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition",
        "ecs:RunTask", "ecs:StopTask", "ecs:StopServiceDeployment", "ecs:ContinueServiceDeployment", "ecs:TagResource", "ecs:CreateCluster", "ecr:CreateRepository", "ecr:PutImage",
        "rds:CreateDBSnapshot", "ssm:PutParameter", "ssm:DeleteParameter",
    ];

    private static IEnumerable<AwsOperation> Known =>
        AwsClients.AllOperations.Append(EcsOperations.CreateCluster).Concat(SsmOperations.ParameterWrites);

    [Fact]
    public void Every_operation_the_clients_know_is_a_read_except_the_ones_that_change_the_account()
    {
        var all = Known.ToList();

        Assert.Equal(Writes.Order(StringComparer.Ordinal), all.Where(o => o.Access == AwsAccess.Write).Select(o => o.IamAction).Order(StringComparer.Ordinal));
        Assert.All(all.Where(o => o.Access == AwsAccess.Read), o => Assert.Matches("^(Describe|List|Get|BatchGet|Filter)", o.Name));
    }

    [Fact]
    public async Task A_read_only_connection_refuses_every_write_before_sending_it_and_sends_reads()
    {
        var handler = new RecordingHandler(CannedResponses.Respond);
        using var core = new AwsJsonClient(TestConnections.InProcess(handler) with { ReadOnly = true });

        foreach (var write in Known.Where(o => o.Access == AwsAccess.Write))
        {
            var refused = await Assert.ThrowsAsync<ReadOnlyViolationException>(() => core.SendAsync(write, [], CancellationToken.None));
            Assert.Equal(write, refused.Operation);
            Assert.Contains($"{write.IamAction} changes the account, and this connection is read-only (--dry-run); nothing was sent", refused.Message, StringComparison.Ordinal);
        }

        Assert.Empty(handler.Requests);
        await new EcsClient(core).DescribeServiceAsync("cluster", "service");
        Assert.Equal(["DescribeServices"], handler.Requests.Select(r => r.Operation));
    }

    [Fact]
    public async Task A_connection_that_is_not_read_only_sends_writes()
    {
        var handler = new RecordingHandler(CannedResponses.Respond);
        using var core = new AwsJsonClient(TestConnections.InProcess(handler));

        await core.SendAsync(EcrOperations.CreateRepository, new JsonObject { ["repositoryName"] = "autopr" }, CancellationToken.None);

        Assert.Equal(["CreateRepository"], handler.Requests.Select(r => r.Operation));
    }
}
