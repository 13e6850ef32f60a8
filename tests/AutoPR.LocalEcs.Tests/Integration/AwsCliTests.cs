using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Tests.Support;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>The AWS CLI, an independent client with the newest models, drives every operation and parses every answer.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class AwsCliTests
{
    [Fact]
    public async Task The_AWS_CLI_drives_ECS_through_a_service_lifecycle()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        var aws = new AwsCli(stack.Server.Endpoint);

        var cluster = await aws.RunAsync("ecs", "create-cluster", "--cluster-name", "autopr-local", "--tags", "key=team,value=autopr");
        Assert.Equal("arn:aws:ecs:us-east-1:000000000000:cluster/autopr-local", cluster!["cluster"]!["clusterArn"]!.GetValue<string>());
        var clusters = await aws.RunAsync("ecs", "describe-clusters", "--clusters", "autopr-local", "nope");
        Assert.Equal("ACTIVE", clusters!["clusters"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("MISSING", clusters["failures"]![0]!["reason"]!.GetValue<string>());

        var definition = await aws.RunAsync("ecs", "register-task-definition", "--cli-input-json", TaskDefinitionJson(stack.Image, "1.0.0", string.Empty), "--tags", "key=rev,value=1");
        var v1 = definition!["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
        Assert.Equal("arn:aws:ecs:us-east-1:000000000000:task-definition/autopr:1", v1);
        var v2 = (await aws.RunAsync("ecs", "register-task-definition", "--cli-input-json", TaskDefinitionJson(stack.Image, "2.0.0", """, {"name": "AUTOPR_FAULT_START_DELAY_SECONDS", "value": "6"}""")))!["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
        var described = await aws.RunAsync("ecs", "describe-task-definition", "--task-definition", "autopr:1", "--include", "TAGS");
        Assert.Equal("1", described!["tags"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("ACTIVE", described["taskDefinition"]!["status"]!.GetValue<string>());
        var listed = await aws.RunAsync("ecs", "list-task-definitions", "--family-prefix", "autopr", "--sort", "DESC");
        Assert.Equal(v2, listed!["taskDefinitionArns"]![0]!.GetValue<string>());

        var created = await aws.RunAsync(
            "ecs", "create-service", "--cluster", "autopr-local", "--service-name", "autopr", "--task-definition", "autopr:1", "--desired-count", "1",
            "--launch-type", "FARGATE", "--health-check-grace-period-seconds", "120",
            "--network-configuration", "awsvpcConfiguration={subnets=[subnet-local],assignPublicIp=DISABLED}",
            "--load-balancers", $"targetGroupArn={LocalEcsStack.TargetGroup},containerName=web,containerPort=8000",
            "--deployment-configuration", "maximumPercent=200,minimumHealthyPercent=100,deploymentCircuitBreaker={enable=true,rollback=true}");
        Assert.Equal("ACTIVE", created!["service"]!["status"]!.GetValue<string>());
        Assert.Equal("SUCCESSFUL", (await stack.WaitForServiceDeploymentAsync())["status"]!.GetValue<string>());

        var services = await aws.RunAsync("ecs", "describe-services", "--cluster", "autopr-local", "--services", "autopr", "missing", "--include", "TAGS");
        var service = services!["services"]![0]!;
        Assert.Equal(1, service["runningCount"]!.GetValue<int>());
        Assert.Equal("COMPLETED", service["deployments"]![0]!["rolloutState"]!.GetValue<string>());
        Assert.Equal("arn:aws:ecs:us-east-1:000000000000:service/autopr-local/missing", services["failures"]![0]!["arn"]!.GetValue<string>());
        Assert.NotEmpty(service["events"]!.AsArray());
        Assert.Equal(["arn:aws:ecs:us-east-1:000000000000:service/autopr-local/autopr"], (await aws.RunAsync("ecs", "list-services", "--cluster", "autopr-local"))!["serviceArns"]!.AsArray().Select(a => a!.GetValue<string>()));

        var taskArns = (await aws.RunAsync("ecs", "list-tasks", "--cluster", "autopr-local", "--service-name", "autopr"))!["taskArns"]!.AsArray();
        var task = (await aws.RunAsync("ecs", "describe-tasks", "--cluster", "autopr-local", "--tasks", taskArns[0]!.GetValue<string>()))!["tasks"]![0]!;
        Assert.Equal("RUNNING", task["lastStatus"]!.GetValue<string>());
        Assert.StartsWith("127.0.", task["containers"]![0]!["networkInterfaces"]![0]!["privateIpv4Address"]!.GetValue<string>(), StringComparison.Ordinal);

        await aws.RunAsync("ecs", "update-service", "--cluster", "autopr-local", "--service", "autopr", "--task-definition", "autopr:2");
        var deployments = await aws.RunAsync("ecs", "list-service-deployments", "--cluster", "autopr-local", "--service", "autopr");
        var latest = deployments!["serviceDeployments"]![0]!["serviceDeploymentArn"]!.GetValue<string>();
        Assert.Equal("IN_PROGRESS", deployments["serviceDeployments"]![0]!["status"]!.GetValue<string>());
        await aws.RunAsync("ecs", "stop-service-deployment", "--service-deployment-arn", latest, "--stop-type", "ROLLBACK");
        Assert.Equal("ROLLBACK_SUCCESSFUL", (await stack.WaitForServiceDeploymentAsync())["status"]!.GetValue<string>());
        var detail = (await aws.RunAsync("ecs", "describe-service-deployments", "--service-deployment-arns", latest))!["serviceDeployments"]![0]!;
        Assert.Equal(latest, detail["serviceDeploymentArn"]!.GetValue<string>());
        Assert.NotNull(detail["rollback"]!["serviceRevisionArn"]);
        Assert.Equal(v1, (await aws.RunAsync("ecs", "describe-services", "--cluster", "autopr-local", "--services", "autopr"))!["services"]![0]!["taskDefinition"]!.GetValue<string>());

        var runningTask = (await aws.RunAsync("ecs", "list-tasks", "--cluster", "autopr-local"))!["taskArns"]![0]!.GetValue<string>();
        var stopped = await aws.RunAsync("ecs", "stop-task", "--cluster", "autopr-local", "--task", runningTask, "--reason", "test stop");
        Assert.Equal("STOPPED", stopped!["task"]!["desiredStatus"]!.GetValue<string>());
        Assert.Equal("test stop", stopped["task"]!["stoppedReason"]!.GetValue<string>());

        var serviceArn = "arn:aws:ecs:us-east-1:000000000000:service/autopr-local/autopr";
        await aws.RunAsync("ecs", "tag-resource", "--resource-arn", serviceArn, "--tags", "key=env,value=local", "key=owner,value=tests");
        await aws.RunAsync("ecs", "untag-resource", "--resource-arn", serviceArn, "--tag-keys", "owner");
        var tags = await aws.RunAsync("ecs", "list-tags-for-resource", "--resource-arn", serviceArn);
        Assert.Equal("env", tags!["tags"]!.AsArray().Single()!["key"]!.GetValue<string>());

        Assert.Equal("INACTIVE", (await aws.RunAsync("ecs", "deregister-task-definition", "--task-definition", "autopr:2"))!["taskDefinition"]!["status"]!.GetValue<string>());
        var missing = await aws.RunRawAsync("ecs", "update-service", "--cluster", "autopr-local", "--service", "nope", "--desired-count", "1");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("(ServiceNotFoundException)", missing.Error, StringComparison.Ordinal);
        await aws.RunAsync("ecs", "update-service", "--cluster", "autopr-local", "--service", "autopr", "--desired-count", "0");
        Assert.Equal("DRAINING", (await aws.RunAsync("ecs", "delete-service", "--cluster", "autopr-local", "--service", "autopr"))!["service"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_AWS_CLI_drives_ECR_backed_by_the_registry_and_reads_CloudWatch_metrics()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        var aws = new AwsCli(stack.Server.Endpoint);
        var repository = "localecs-test/cli-" + Guid.NewGuid().ToString("N")[..8];

        var created = await aws.RunAsync("ecr", "create-repository", "--repository-name", repository, "--image-tag-mutability", "IMMUTABLE");
        Assert.Equal($"{DockerPrerequisites.Registry}/{repository}", created!["repository"]!["repositoryUri"]!.GetValue<string>());
        var duplicate = await aws.RunRawAsync("ecr", "create-repository", "--repository-name", repository);
        Assert.Contains("(RepositoryAlreadyExistsException)", duplicate.Error, StringComparison.Ordinal);
        Assert.Equal("IMMUTABLE", (await aws.RunAsync("ecr", "describe-repositories", "--repository-names", repository))!["repositories"]![0]!["imageTagMutability"]!.GetValue<string>());
        Assert.Contains("(RepositoryNotFoundException)", (await aws.RunRawAsync("ecr", "describe-repositories", "--repository-names", repository + "-missing")).Error, StringComparison.Ordinal);
        var token = (await aws.RunAsync("ecr", "get-authorization-token"))!["authorizationData"]![0]!;
        Assert.StartsWith("AWS:", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token["authorizationToken"]!.GetValue<string>())), StringComparison.Ordinal);
        Assert.Equal($"http://{DockerPrerequisites.Registry}", token["proxyEndpoint"]!.GetValue<string>());

        var manifest = await RegistrySeed.UploadBlobsAndGetManifestAsync(DockerPrerequisites.Registry, repository, "one");
        var put = await aws.RunAsync("ecr", "put-image", "--repository-name", repository, "--image-tag", "v1", "--image-manifest", manifest);
        var digest = put!["image"]!["imageId"]!["imageDigest"]!.GetValue<string>();
        var other = await RegistrySeed.UploadBlobsAndGetManifestAsync(DockerPrerequisites.Registry, repository, "two");
        Assert.Contains("(ImageTagAlreadyExistsException)", (await aws.RunRawAsync("ecr", "put-image", "--repository-name", repository, "--image-tag", "v1", "--image-manifest", other)).Error, StringComparison.Ordinal);
        Assert.Contains("(ImageAlreadyExistsException)", (await aws.RunRawAsync("ecr", "put-image", "--repository-name", repository, "--image-tag", "v1", "--image-manifest", manifest)).Error, StringComparison.Ordinal);
        await aws.RunAsync("ecr", "put-image", "--repository-name", repository, "--image-tag", "latest", "--image-manifest", manifest);

        var images = (await aws.RunAsync("ecr", "list-images", "--repository-name", repository))!["imageIds"]!.AsArray();
        Assert.Equal(["latest", "v1"], images.Select(i => i!["imageTag"]!.GetValue<string>()).Order());
        Assert.All(images, i => Assert.Equal(digest, i!["imageDigest"]!.GetValue<string>()));
        var details = (await aws.RunAsync("ecr", "describe-images", "--repository-name", repository, "--image-ids", "imageTag=v1"))!["imageDetails"]![0]!;
        Assert.Equal(digest, details["imageDigest"]!.GetValue<string>());
        Assert.True(details["imageSizeInBytes"]!.GetValue<long>() > 0);
        var got = await aws.RunAsync("ecr", "batch-get-image", "--repository-name", repository, "--image-ids", "imageTag=v1", "imageTag=nope");
        Assert.Equal(manifest, got!["images"]![0]!["imageManifest"]!.GetValue<string>());
        Assert.Equal("ImageNotFound", got["failures"]![0]!["failureCode"]!.GetValue<string>());

        var deleted = await aws.RunAsync("ecr", "batch-delete-image", "--repository-name", repository, "--image-ids", "imageTag=latest");
        Assert.Equal("latest", deleted!["imageIds"]![0]!["imageTag"]!.GetValue<string>());
        Assert.Equal(["v1"], (await aws.RunAsync("ecr", "list-images", "--repository-name", repository))!["imageIds"]!.AsArray().Select(i => i!["imageTag"]!.GetValue<string>()));

        var now = DateTimeOffset.UtcNow;
        var metrics = await aws.RunAsync(
            "cloudwatch", "get-metric-data", "--start-time", now.AddMinutes(-5).ToString("O"), "--end-time", now.AddMinutes(1).ToString("O"),
            "--metric-data-queries", """[{"Id": "requests", "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "RequestCount", "Dimensions": [{"Name": "TargetGroup", "Value": "targetgroup/autopr/0123456789abcdef"}]}, "Period": 60, "Stat": "Sum"}}]""");
        Assert.Equal("Complete", metrics!["MetricDataResults"]![0]!["StatusCode"]!.GetValue<string>());
        Assert.Empty(metrics["MetricDataResults"]![0]!["Values"]!.AsArray());
        await aws.RunAsync("ecr", "delete-repository", "--repository-name", repository, "--force");
    }

    private static string TaskDefinitionJson(string image, string version, string extraEnvironment) => new JsonObject
    {
        ["family"] = "autopr",
        ["networkMode"] = "awsvpc",
        ["requiresCompatibilities"] = new JsonArray("FARGATE"),
        ["cpu"] = "1024",
        ["memory"] = "512",
        ["containerDefinitions"] = JsonNode.Parse($$$"""
            [{"name": "web", "image": "{{{image}}}", "essential": true, "portMappings": [{"containerPort": 8000}],
              "environment": [{"name": "AUTOPR_VERSION", "value": "{{{version}}}"}, {"name": "SHUTDOWN_DRAIN_SECONDS", "value": "1"}{{{extraEnvironment}}}],
              "healthCheck": {"command": ["CMD", "/app/AutoPR.Service", "healthcheck"], "interval": 10, "timeout": 5, "retries": 3, "startPeriod": 60}}]
            """),
    }.ToJsonString();
}
