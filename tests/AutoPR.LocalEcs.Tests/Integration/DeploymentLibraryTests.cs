using System.Text.Json.Nodes;
using Amazon.Runtime;
using AutoPR.Deployment;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Endpoints;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Metrics;
using AutoPR.LocalEcs.Metrics;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>
/// The project's own deployment clients (real SigV4 signing through AWSSDK.Core) against LocalEcs: the
/// calls a deployment makes, answered the way its views expect.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class DeploymentLibraryTests
{
    [Fact]
    public async Task The_deployment_clients_follow_a_failing_deployment_to_its_circuit_breaker_rollback_and_read_the_metrics()
    {
        await using var stack = await LocalEcsStack.StartAsync(MetricsMode.Immediate); // reads the metrics of requests it just sent
        using var clients = AwsClients.Create(new AwsConnectionOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("test", "test"),
            Endpoints = new AwsEndpointSettings
            {
                ConfiguredEndpoints = new Dictionary<string, Uri> { ["ecs"] = stack.Server.Endpoint, ["ecr"] = stack.Server.Endpoint, ["cloudwatch"] = stack.Server.Endpoint },
            },
        });
        var v1 = await stack.RegisterAsync("1.0.0");
        await stack.CreateServiceAsync(v1, desired: 1);
        var first = await WaitAsync(clients);
        Assert.Equal("SUCCESSFUL", first.Status);

        var v2 = await clients.Ecs.RegisterTaskDefinitionAsync(JsonNode.Parse($$"""
            {"family": "autopr", "cpu": "1024", "memory": "512", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
             "containerDefinitions": [{"name": "web", "image": "{{stack.Image}}", "portMappings": [{"containerPort": 8000}],
               "environment": [{"name": "AUTOPR_FAULT_CRASH_ON_START", "value": "0"}]}]}
            """)!.AsObject());
        await clients.Ecs.UpdateServiceAsync(new JsonObject { ["cluster"] = LocalEcsStack.Cluster, ["service"] = LocalEcsStack.Service, ["taskDefinition"] = v2.Arn });
        var failed = await WaitAsync(clients);

        Assert.Equal("ROLLBACK_SUCCESSFUL", failed.Status);
        Assert.Equal("TRIGGERED", failed.CircuitBreakerStatus);
        Assert.True(failed.CircuitBreakerFailureCount >= 3);
        Assert.StartsWith("ECS deployment circuit breaker", failed.RollbackReason, StringComparison.Ordinal);
        Assert.NotNull(failed.FinishedAt);
        var service = await clients.Ecs.DescribeServiceAsync(LocalEcsStack.Cluster, LocalEcsStack.Service);
        Assert.Equal(v1, service!.TaskDefinition);
        Assert.Equal(1, service.RunningCount);
        Assert.Contains(service.Events, e => e.Message?.Contains("deployment failed: tasks failed to start.", StringComparison.Ordinal) == true);

        using (var http = new HttpClient())
        {
            for (var i = 0; i < 5; i++)
            {
                (await http.GetAsync(stack.Listener)).Dispose();
            }
        }

        var now = DateTimeOffset.UtcNow;
        var metrics = await clients.CloudWatch.GetMetricDataAsync(
            [new MetricQuery { Id = "requests", Namespace = "AWS/ApplicationELB", MetricName = "RequestCount", Stat = "Sum", PeriodSeconds = 60, Dimensions = new Dictionary<string, string> { ["TargetGroup"] = "targetgroup/autopr/0123456789abcdef" } }],
            now.AddMinutes(-5),
            now.AddMinutes(1));
        Assert.True(metrics.Single().IsComplete);
        Assert.Equal(5, metrics.Single().Points.Sum(p => p.Value));

        var repository = await clients.Ecr.EnsureRepositoryAsync("localecs-test/library-" + Guid.NewGuid().ToString("N")[..8], new EcrRepositorySettings());
        Assert.StartsWith(DockerPrerequisites.Registry + "/", repository.Json["repositoryUri"]!.GetValue<string>(), StringComparison.Ordinal);
        var authorization = await clients.Ecr.GetAuthorizationAsync();
        Assert.Equal("AWS", authorization.Username);
        Assert.Equal(DockerPrerequisites.Registry, authorization.RegistryHost);
    }

    private static async Task<EcsServiceDeploymentView> WaitAsync(AwsClients clients)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
        while (true)
        {
            EcsServiceDeploymentView? latest = null;
            await foreach (var brief in clients.Ecs.ListServiceDeploymentsAsync(LocalEcsStack.Cluster, LocalEcsStack.Service))
            {
                latest = brief;
                break;
            }

            var detail = (await clients.Ecs.DescribeServiceDeploymentsAsync([latest!.Arn!])).Items.Single();
            if (detail.IsFinished || DateTimeOffset.UtcNow > deadline)
            {
                return detail;
            }

            await Task.Delay(300);
        }
    }
}
