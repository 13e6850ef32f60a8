using System.Net;
using System.Text.Json.Nodes;
using AutoPR.Deployment;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Ecs;

/// <summary>
/// Test group 3: the service-deployment APIs moto lacks, over real HTTP against a recording server on loopback
/// whose answers are shaped as the official model documents them (checked in RequestShapeTests).
/// </summary>
public sealed class ServiceDeploymentWireTests
{
    [Fact]
    public async Task List_service_deployments_follows_next_tokens_over_the_wire()
    {
        using var server = new RecordingServer(CannedResponses.Respond);
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var deployments = new List<AutoPR.Deployment.Ecs.Views.EcsServiceDeploymentView>();
        await foreach (var deployment in clients.Ecs.ListServiceDeploymentsAsync("autopr-dev", "autopr", ["IN_PROGRESS", "SUCCESSFUL"]))
        {
            deployments.Add(deployment);
        }

        Assert.Equal([CannedResponses.DeploymentArn1, CannedResponses.DeploymentArn2], deployments.Select(d => d.Arn));
        Assert.Equal(["IN_PROGRESS", "SUCCESSFUL"], deployments.Select(d => d.Status));
        Assert.Equal([false, true], deployments.Select(d => d.IsFinished));
        Assert.Equal(CannedResponses.RevisionArn, deployments[0].TargetServiceRevisionArn);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600500), deployments[0].CreatedAt);

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].Json!["nextToken"]);
        Assert.Equal("page-2", requests[1].Json!["nextToken"]!.GetValue<string>());
        Assert.All(requests, r =>
        {
            Assert.Equal("AmazonEC2ContainerServiceV20141113.ListServiceDeployments", r.Target);
            Assert.Equal("application/x-amz-json-1.1", r.Header("Content-Type"));
            Assert.Contains("/eu-west-1/ecs/aws4_request", r.Header("Authorization"), StringComparison.Ordinal);
            Assert.Empty(ServiceModel.Ecs.ValidateInput(r.Operation, r.Json));
        });
    }

    [Fact]
    public async Task Describe_service_deployments_reads_rollback_circuit_breaker_and_revisions()
    {
        using var server = new RecordingServer(CannedResponses.Respond);
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var result = await clients.Ecs.DescribeServiceDeploymentsAsync([CannedResponses.DeploymentArn1]);

        var deployment = Assert.Single(result.Items);
        Assert.Equal("ROLLBACK_IN_PROGRESS", deployment.Status);
        Assert.False(deployment.IsFinished);
        Assert.Equal("SCALE_UP", deployment.LifecycleStage);
        Assert.Equal("Deployment circuit breaker: tasks failed to start.", deployment.RollbackReason);
        Assert.Equal("TRIGGERED", deployment.CircuitBreakerStatus);
        Assert.Equal(3, deployment.CircuitBreakerFailureCount);
        Assert.Equal(1, deployment.TargetServiceRevision!.RunningTaskCount);
        Assert.Equal(100.0, deployment.TargetServiceRevision.RequestedTestTrafficWeight);
        Assert.Equal(2, Assert.Single(deployment.SourceServiceRevisions).RunningTaskCount);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:service-revision/autopr-dev/autopr/1111", deployment.RollbackServiceRevisionArn);
        Assert.Equal("MISSING", Assert.Single(result.Failures).Reason);
        Assert.Equal("BLUE_GREEN", deployment.Json["deploymentConfiguration"]!["strategy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Describe_service_deployments_splits_more_than_twenty_arns_into_batches()
    {
        using var server = new RecordingServer(CannedResponses.Respond);
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));
        var arns = Enumerable.Range(0, 25).Select(i => CannedResponses.DeploymentArn1 + i).ToList();

        await clients.Ecs.DescribeServiceDeploymentsAsync(arns);

        Assert.Equal([20, 5], server.Requests.Select(r => r.Json!["serviceDeploymentArns"]!.AsArray().Count));
    }

    [Fact]
    public async Task Describe_service_revisions_reads_the_task_definition_of_each_revision()
    {
        using var server = new RecordingServer(CannedResponses.Respond);
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var result = await clients.Ecs.DescribeServiceRevisionsAsync([CannedResponses.RevisionArn, "arn:aws:ecs:eu-west-1:123456789012:service-revision/autopr-dev/autopr/1111"]);

        var revision = Assert.Single(result.Items);
        Assert.Equal(CannedResponses.RevisionArn, revision.Arn);
        Assert.Equal(CannedResponses.TaskDefinitionArn, revision.TaskDefinition);
        Assert.Equal("MISSING", Assert.Single(result.Failures).Reason);
        var request = Assert.Single(server.Requests);
        Assert.Equal(2, request.Json!["serviceRevisionArns"]!.AsArray().Count);
        Assert.Empty(ServiceModel.Ecs.ValidateInput(request.Operation, request.Json));
    }

    [Fact]
    public async Task Stop_service_deployment_sends_the_rollback_stop_type()
    {
        using var server = new RecordingServer(CannedResponses.Respond);
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var stopped = await clients.Ecs.StopServiceDeploymentAsync(CannedResponses.DeploymentArn1, "ROLLBACK");

        Assert.Equal(CannedResponses.DeploymentArn1, stopped);
        var request = Assert.Single(server.Requests);
        Assert.Equal("ROLLBACK", request.Json!["stopType"]!.GetValue<string>());
        Assert.Empty(ServiceModel.Ecs.ValidateInput(request.Operation, request.Json));
    }

    [Fact]
    public async Task Throttling_over_the_wire_is_retried_and_a_service_error_surfaces_with_its_code()
    {
        using var server = new RecordingServer((request, index) => request.Operation switch
        {
            "ListServiceDeployments" when index < 2 => RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.ecs#ThrottlingException","message":"Rate exceeded"}"""),
            "StopServiceDeployment" => RecordingHandler.Json(
                HttpStatusCode.BadRequest,
                """{"__type":"com.amazonaws.ecs#ConflictException","message":"The service deployment is already stopped."}""",
                ("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555")),
            _ => CannedResponses.Respond(request, index),
        });
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var count = 0;
        await foreach (var _ in clients.Ecs.ListServiceDeploymentsAsync("autopr-dev", "autopr"))
        {
            count++;
        }

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Ecs.StopServiceDeploymentAsync(CannedResponses.DeploymentArn1));

        Assert.Equal(2, count);
        Assert.Equal(5, server.Requests.Count); // 2 throttled + 2 pages + 1 stop, which is not retried
        Assert.Equal("ConflictException", error.ErrorCode);
        Assert.Equal("The service deployment is already stopped.", error.ErrorMessage);
        Assert.Equal("11111111-2222-3333-4444-555555555555", error.RequestId);
    }
}
