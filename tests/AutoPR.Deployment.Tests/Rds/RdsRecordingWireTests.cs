using System.Net;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Aws.Retries;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Rds;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Rds;

/// <summary>RdsClient over the AWS Query protocol against a recording server on loopback: exact form fields, signing, XML answers and errors.</summary>
public sealed class RdsRecordingWireTests
{
    [Fact]
    public async Task Create_db_snapshot_sends_exact_form_fields_signed_for_rds_and_reads_the_snapshot()
    {
        using var server = new RecordingServer((_, _) => RdsResponses.Result("CreateDBSnapshot", RdsResponses.Snapshot()));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var snapshot = await clients.Rds.CreateDbSnapshotAsync("autopr-dev", "autopr-pre-migrate-abc1234",
            new Dictionary<string, string> { ["revision"] = "abc1234", ["deployed-by"] = "ci run/42 & more" });

        Assert.Equal("autopr-pre-migrate-abc1234", snapshot.Identifier);
        Assert.Equal("autopr-dev", snapshot.InstanceIdentifier);
        Assert.Equal("creating", snapshot.Status);
        Assert.Equal(0, snapshot.PercentProgress);
        Assert.Null(snapshot.CreatedAt);
        Assert.Equal(RdsResponses.SnapshotArn, snapshot.Arn);
        Assert.False(snapshot.IsAvailable);

        var request = Assert.Single(server.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/", request.Uri.AbsolutePath);
        Assert.Equal(
            [("Action", "CreateDBSnapshot"), ("Version", "2014-10-31"), ("DBInstanceIdentifier", "autopr-dev"), ("DBSnapshotIdentifier", "autopr-pre-migrate-abc1234"),
             ("Tags.Tag.1.Key", "deployed-by"), ("Tags.Tag.1.Value", "ci run/42 & more"), ("Tags.Tag.2.Key", "revision"), ("Tags.Tag.2.Value", "abc1234")],
            RdsResponses.Fields(request.Body));
        Assert.Contains("Tags.Tag.1.Value=ci%20run%2F42%20%26%20more", request.Body, StringComparison.Ordinal);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Header("Content-Type"));
        Assert.Empty(request.Target);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/rds/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.NotEmpty(request.Header("X-Amz-Date"));
    }

    [Fact]
    public async Task Describe_db_snapshot_reads_progress_and_create_time()
    {
        using var server = new RecordingServer((_, _) => RdsResponses.Result("DescribeDBSnapshots",
            "<DBSnapshots>" + RdsResponses.Snapshot(status: "available", progress: 100, createTime: "2026-12-06T18:20:31.123Z") + "</DBSnapshots>"));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var snapshot = await clients.Rds.DescribeDbSnapshotAsync("autopr-pre-migrate-abc1234");

        Assert.NotNull(snapshot);
        Assert.True(snapshot.IsAvailable);
        Assert.Equal(100, snapshot.PercentProgress);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 18, 20, 31, 123, TimeSpan.Zero), snapshot.CreatedAt);
        Assert.Equal(
            [("Action", "DescribeDBSnapshots"), ("Version", "2014-10-31"), ("DBSnapshotIdentifier", "autopr-pre-migrate-abc1234")],
            RdsResponses.Fields(Assert.Single(server.Requests).Body));
    }

    [Fact]
    public async Task Describe_db_snapshots_of_an_instance_follows_the_marker()
    {
        using var server = new RecordingServer((request, index) => RdsResponses.Result("DescribeDBSnapshots", index == 0
            ? "<DBSnapshots>" + RdsResponses.Snapshot("one") + "</DBSnapshots><Marker>page-2</Marker>"
            : "<DBSnapshots>" + RdsResponses.Snapshot("two") + RdsResponses.Snapshot("three") + "</DBSnapshots>"));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var identifiers = new List<string?>();
        await foreach (var snapshot in clients.Rds.DescribeDbSnapshotsAsync("autopr-dev", "manual"))
        {
            identifiers.Add(snapshot.Identifier);
        }

        Assert.Equal(["one", "two", "three"], identifiers);
        Assert.Equal(
            [("Action", "DescribeDBSnapshots"), ("Version", "2014-10-31"), ("DBInstanceIdentifier", "autopr-dev"), ("SnapshotType", "manual"), ("Marker", "page-2")],
            RdsResponses.Fields(server.Requests[1].Body));
    }

    [Theory]
    [InlineData("DBSnapshotAlreadyExists", "Cannot create the snapshot because a snapshot with the identifier autopr-pre-migrate-abc1234 already exists.")]
    [InlineData("DBInstanceNotFound", "DBInstance autopr-dev not found.")]
    public async Task Errors_become_aws_service_exceptions_with_the_rds_code_and_are_not_retried(string code, string message)
    {
        using var server = new RecordingServer((_, _) => RdsResponses.Error(HttpStatusCode.BadRequest, code, message));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Rds.CreateDbSnapshotAsync("autopr-dev", "autopr-pre-migrate-abc1234"));

        Assert.Equal("rds", error.Service);
        Assert.Equal("CreateDBSnapshot", error.Operation);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.ErrorMessage);
        Assert.Equal("err-" + code, error.RequestId);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_missing_snapshot_describes_as_null()
    {
        using var server = new RecordingServer((_, _) => RdsResponses.Error(HttpStatusCode.NotFound, "DBSnapshotNotFound", "DBSnapshot gone not found."));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        Assert.Null(await clients.Rds.DescribeDbSnapshotAsync("gone"));
    }

    [Fact]
    public async Task Throttling_in_an_xml_error_is_retried_and_reported()
    {
        using var server = new RecordingServer((_, index) => index < 2
            ? RdsResponses.Error(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded")
            : RdsResponses.Result("DescribeDBSnapshots", "<DBSnapshots>" + RdsResponses.Snapshot() + "</DBSnapshots>"));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));
        var retries = new List<AwsRetryEventArgs>();
        clients.Core.Retrying += (_, e) => retries.Add(e);

        var snapshot = await clients.Rds.DescribeDbSnapshotAsync("autopr-pre-migrate-abc1234");

        Assert.NotNull(snapshot);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(["Throttling", "Throttling"], retries.Select(r => r.ErrorCode));
        Assert.All(retries, r => Assert.Equal(RdsOperations.DescribeDBSnapshots, r.Operation));
        Assert.Equal(["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"], server.Requests.Select(r => r.Header("amz-sdk-request")));
    }

    [Fact]
    public async Task A_non_xml_error_page_still_makes_a_one_line_error()
    {
        using var server = new RecordingServer((_, _) => RdsResponses.Xml(HttpStatusCode.Forbidden, "<html>\n<body>Forbidden by proxy</body>\n</html"));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Rds.DescribeDbSnapshotAsync("x"));

        Assert.Equal("HttpStatus403", error.ErrorCode);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_read_only_connection_refuses_create_db_snapshot_before_sending_and_sends_describe()
    {
        using var server = new RecordingServer((_, _) => RdsResponses.Result("DescribeDBSnapshots", "<DBSnapshots/>"));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1") with { ReadOnly = true });

        var refused = await Assert.ThrowsAsync<ReadOnlyViolationException>(() => clients.Rds.CreateDbSnapshotAsync("autopr-dev", "s"));
        Assert.Equal("rds:CreateDBSnapshot", refused.Operation.IamAction);
        Assert.Empty(server.Requests);

        Assert.Null(await clients.Rds.DescribeDbSnapshotAsync("s"));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_json_service_is_not_sent_over_the_query_protocol()
    {
        using var core = new AwsJsonClient(TestConnections.InProcess(new RecordingHandler(CannedResponses.Respond)));
        var query = new AwsQueryClient(core);

        await Assert.ThrowsAsync<ArgumentException>(() => query.SendAsync(EcsOperations.DescribeClusters, [], CancellationToken.None));
    }
}
