using System.Text.Json.Nodes;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Models;

/// <summary>Test group 1: every request the clients build matches the official API model's input shape.</summary>
public sealed class RequestShapeTests
{
    [Fact]
    public async Task Every_request_the_clients_build_validates_against_the_official_model_input_shape()
    {
        var handler = new RecordingHandler(CannedResponses.Respond);
        using (var clients = AwsClients.Create(TestConnections.InProcess(handler)))
        {
            await ExerciseEveryOperationAsync(clients);
        }

        var requests = handler.Requests;
        Assert.NotEmpty(requests);
        var problems = new List<string>();
        foreach (var request in requests)
        {
            var model = ServiceModel.ForTargetPrefix(request.TargetPrefix);
            problems.AddRange(model.ValidateInput(request.Operation, request.Json).Select(p => $"{request.Target}: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Every_request_uses_the_protocol_of_its_service_model()
    {
        var handler = new RecordingHandler(CannedResponses.Respond);
        using (var clients = AwsClients.Create(TestConnections.InProcess(handler)))
        {
            await ExerciseEveryOperationAsync(clients);
        }

        foreach (var request in handler.Requests)
        {
            var model = ServiceModel.ForTargetPrefix(request.TargetPrefix);
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("/", request.Uri.AbsolutePath);
            Assert.Equal("application/x-amz-json-" + model.JsonVersion, request.Header("Content-Type"));
            Assert.Equal(model.Metadata["endpointPrefix"]!.GetValue<string>() + ".eu-west-1.amazonaws.com", request.Uri.Host);
            Assert.Contains($"/eu-west-1/{model.SigningName}/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Header("Authorization"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_listed_operation_is_exercised_and_exists_in_its_model()
    {
        var handler = new RecordingHandler(CannedResponses.Respond);
        using (var clients = AwsClients.Create(TestConnections.InProcess(handler)))
        {
            await ExerciseEveryOperationAsync(clients);
        }

        var sent = handler.Requests.Select(r => r.Target).ToHashSet(StringComparer.Ordinal);
        foreach (var operation in EcsClient.Operations.Concat(EcrClient.Operations).Concat(CloudWatchClient.Operations))
        {
            Assert.True(ServiceModel.ForTargetPrefix(operation.Service.TargetPrefix).HasOperation(operation.Name), operation.Name + " is not in the model");
            Assert.Contains(operation.Target, sent);
        }
    }

    [Fact]
    public async Task Canned_responses_are_shaped_as_the_model_documents_them()
    {
        var handler = new RecordingHandler(CannedResponses.Respond);
        using (var clients = AwsClients.Create(TestConnections.InProcess(handler)))
        {
            await ExerciseEveryOperationAsync(clients);
        }

        var problems = new List<string>();
        foreach (var request in handler.Requests)
        {
            var response = CannedResponses.For(request.Operation, request.Json as JsonObject);
            problems.AddRange(ServiceModel.ForTargetPrefix(request.TargetPrefix).ValidateOutput(request.Operation, response).Select(p => $"{request.Operation} response: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Calls every public operation of the typed clients once, list calls through both pages.</summary>
    internal static async Task ExerciseEveryOperationAsync(AwsClients clients)
    {
        var ecs = clients.Ecs;
        await ecs.DescribeClustersAsync(["autopr-dev"]);
        await ecs.CreateServiceAsync(SampleDocuments.ServiceDefinition());
        await ecs.DescribeServicesAsync("autopr-dev", ["autopr", "gone"]);
        await ecs.UpdateServiceAsync(SampleDocuments.UpdateServiceRequest());
        await ecs.RegisterTaskDefinitionAsync(SampleDocuments.TaskDefinition());
        await ecs.DescribeTaskDefinitionAsync("autopr:7");
        await foreach (var _ in ecs.ListTaskDefinitionsAsync("autopr", "ACTIVE", "DESC"))
        {
        }

        await ecs.DeregisterTaskDefinitionAsync("autopr:6");
        var tasks = new List<string>();
        await foreach (var task in ecs.ListTasksAsync("autopr-dev", "autopr", "RUNNING"))
        {
            tasks.Add(task);
        }

        await ecs.DescribeTasksAsync("autopr-dev", tasks);
        await ecs.RunTaskAsync(new JsonObject
        {
            ["cluster"] = "autopr-dev",
            ["taskDefinition"] = "autopr:7",
            ["count"] = 1,
            ["startedBy"] = "autopr-deploy",
            ["launchType"] = "FARGATE",
            ["overrides"] = new JsonObject { ["containerOverrides"] = new JsonArray(new JsonObject { ["name"] = "autopr", ["command"] = new JsonArray("migrate", "--to", "1") }) },
        });
        await ecs.StopTaskAsync("autopr-dev", "arn:aws:ecs:eu-west-1:123456789012:task/autopr-dev/0123456789abcdef", "migrate timed out");
        await foreach (var _ in ecs.ListServiceDeploymentsAsync("autopr-dev", "autopr", ["IN_PROGRESS", "SUCCESSFUL"]))
        {
        }

        await ecs.DescribeServiceDeploymentsAsync([CannedResponses.DeploymentArn1]);
        await ecs.DescribeServiceRevisionsAsync([CannedResponses.RevisionArn]);
        await ecs.StopServiceDeploymentAsync(CannedResponses.DeploymentArn1);
        await ecs.ContinueServiceDeploymentAsync(CannedResponses.DeploymentArn1, "hook-1", "CONTINUE");
        await ecs.TagResourceAsync(CannedResponses.TaskDefinitionArn, new Dictionary<string, string> { ["deployed-by"] = "autopr", ["revision"] = "abc1234" });
        await ecs.ListTagsForResourceAsync(CannedResponses.TaskDefinitionArn);

        var ecr = clients.Ecr;
        await ecr.GetAuthorizationAsync();
        await foreach (var _ in ecr.DescribeRepositoriesAsync())
        {
        }

        await ecr.CreateRepositoryAsync("autopr", new EcrRepositorySettings { EncryptionType = "KMS", KmsKey = "alias/autopr" }, new Dictionary<string, string> { ["project"] = "autopr" });
        await foreach (var _ in ecr.DescribeImagesAsync("autopr"))
        {
        }

        await foreach (var _ in ecr.DescribeImagesAsync("autopr", [EcrImageId.ByTag("abc1234")]))
        {
        }

        await ecr.BatchGetImageAsync("autopr", [EcrImageId.ByTag("abc1234"), EcrImageId.ByTag("nope")], ["application/vnd.docker.distribution.manifest.v2+json"]);
        await ecr.PutImageAsync("autopr", SampleDocuments.ImageManifest.Trim(), "application/vnd.docker.distribution.manifest.v2+json", "production-abc1234");
        await foreach (var _ in ecr.ListImagesAsync("autopr", "TAGGED"))
        {
        }

        await clients.CloudWatch.GetMetricDataAsync(
            [
                new MetricQuery
                {
                    Id = "p99",
                    Namespace = "AWS/ApplicationELB",
                    MetricName = "TargetResponseTime",
                    Dimensions = new Dictionary<string, string> { ["TargetGroup"] = "targetgroup/autopr-dev/0a1b2c3d4e5f6071", ["LoadBalancer"] = "app/autopr-dev/0a1b2c3d4e5f6074" },
                    Stat = "p99",
                    Unit = "Seconds",
                },
                new MetricQuery { Id = "errors", Namespace = "AWS/ApplicationELB", MetricName = "HTTPCode_Target_5XX_Count", Stat = "Sum", ReturnData = false },
                new MetricQuery { Id = "rate", Expression = "errors / 100", Label = "error rate" },
            ],
            DateTimeOffset.FromUnixTimeSeconds(1767225600),
            DateTimeOffset.FromUnixTimeSeconds(1767229200));
        await clients.CloudWatch.DescribeAlarmsAsync(["autopr-dev-5xx-rate", "autopr-dev-p99-latency"]);
        await clients.CloudWatch.PutMetricAlarmAsync(LocalAlarmRequest.For(RepositoryEnvironments.Load("local").LocalAlarms[0], "targetgroup/autopr-local/0123456789abcdef"));
    }
}
