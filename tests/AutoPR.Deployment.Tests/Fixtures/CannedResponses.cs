using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>
/// Responses shaped as the official models document them (tests check each against the output shape). List
/// operations answer in two pages: the first has a next token, the page asked for with it has none.
/// </summary>
public static class CannedResponses
{
    public const string ClusterArn = "arn:aws:ecs:eu-west-1:123456789012:cluster/autopr-dev";
    public const string ServiceArn = "arn:aws:ecs:eu-west-1:123456789012:service/autopr-dev/autopr";
    public const string DeploymentArn1 = "arn:aws:ecs:eu-west-1:123456789012:service-deployment/autopr-dev/autopr/Nv7bqRlVCHhS8A3X";
    public const string DeploymentArn2 = "arn:aws:ecs:eu-west-1:123456789012:service-deployment/autopr-dev/autopr/Ad4kQ6d6xU1Ykq7P";
    public const string RevisionArn = "arn:aws:ecs:eu-west-1:123456789012:service-revision/autopr-dev/autopr/4980306466373577095";
    public const string TaskDefinitionArn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr:7";
    public const string EcrPassword = "eyJwYXlsb2FkIjoiZmFrZS1yZWdpc3RyeS1wYXNzd29yZCJ9";
    public const double CreatedAt = 1767225600.5;

    /// <summary>The scripted answer of a <see cref="RecordingHandler"/> or recording server.</summary>
    public static HttpResponseMessage Respond(RecordedRequest request, int index)
    {
        var body = For(request.Operation, request.Json as JsonObject);
        return RecordingHandler.Json(HttpStatusCode.OK, body.ToJsonString(), ("x-amzn-RequestId", "req-" + index));
    }

    public static JsonObject For(string operation, JsonObject? request)
    {
        var nextPage = request?["nextToken"] is null && request?["NextToken"] is null;
        return operation switch
        {
            "DescribeClusters" => Parse($$"""{"clusters":[{"clusterArn":"{{ClusterArn}}","clusterName":"autopr-dev","status":"ACTIVE","runningTasksCount":2,"pendingTasksCount":0,"activeServicesCount":1,"registeredContainerInstancesCount":0}],"failures":[]}"""),
            "CreateService" or "UpdateService" => new JsonObject { ["service"] = Service() },
            "DescribeServices" => new JsonObject
            {
                ["services"] = new JsonArray(Service()),
                ["failures"] = Parse("""{"a":[{"arn":"arn:aws:ecs:eu-west-1:123456789012:service/autopr-dev/gone","reason":"MISSING"}]}""")["a"]!.DeepClone(),
            },
            "RegisterTaskDefinition" or "DescribeTaskDefinition" => TaskDefinitionResponse(),
            "DeregisterTaskDefinition" => new JsonObject { ["taskDefinition"] = TaskDefinitionResponse()["taskDefinition"]!.DeepClone() },
            "ListTaskDefinitions" => Page("taskDefinitionArns", nextPage, "arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr:6", TaskDefinitionArn),
            "ListTasks" => Page("taskArns", nextPage, "arn:aws:ecs:eu-west-1:123456789012:task/autopr-dev/0a1b2c3d4e5f40718293a4b5c6d7e8f9", "arn:aws:ecs:eu-west-1:123456789012:task/autopr-dev/1b2c3d4e5f6071829304a5b6c7d8e9f0"),
            "DescribeTasks" => Parse($$"""
                {"tasks":[{"taskArn":"arn:aws:ecs:eu-west-1:123456789012:task/autopr-dev/0a1b2c3d4e5f40718293a4b5c6d7e8f9","clusterArn":"{{ClusterArn}}","taskDefinitionArn":"{{TaskDefinitionArn}}",
                  "lastStatus":"STOPPED","desiredStatus":"STOPPED","healthStatus":"UNHEALTHY","stopCode":"EssentialContainerExited","stoppedReason":"Essential container in task exited",
                  "group":"service:autopr","startedBy":"ecs-svc/1234567890123456789","createdAt":{{CreatedAt}},"startedAt":{{CreatedAt + 20}},"stoppedAt":{{CreatedAt + 40}},
                  "containers":[{"name":"autopr","image":"autopr:1","lastStatus":"STOPPED","exitCode":3,"reason":"crashed on start","healthStatus":"UNHEALTHY"}]}],"failures":[]}
                """),
            "RunTask" => Parse($$"""
                {"tasks":[{"taskArn":"arn:aws:ecs:eu-west-1:123456789012:task/autopr-dev/0123456789abcdef","clusterArn":"{{ClusterArn}}","taskDefinitionArn":"{{TaskDefinitionArn}}",
                  "lastStatus":"PROVISIONING","desiredStatus":"RUNNING","startedBy":"autopr-deploy","launchType":"FARGATE","createdAt":{{CreatedAt}},
                  "overrides":{"containerOverrides":[{"name":"autopr","command":["migrate","--to","1"]}]},
                  "containers":[{"name":"autopr","image":"autopr:1","lastStatus":"PENDING"}]}],"failures":[]}
                """),
            "StopTask" => Parse($$"""
                {"task":{"taskArn":"arn:aws:ecs:eu-west-1:123456789012:task/autopr-dev/0123456789abcdef","clusterArn":"{{ClusterArn}}","taskDefinitionArn":"{{TaskDefinitionArn}}",
                  "lastStatus":"RUNNING","desiredStatus":"STOPPED","stopCode":"UserInitiated","stoppedReason":"migrate timed out","createdAt":{{CreatedAt}},
                  "containers":[{"name":"autopr","image":"autopr:1","lastStatus":"RUNNING"}]} }
                """),
            "ListServiceDeployments" => nextPage
                ? Parse($$"""{"serviceDeployments":[{"serviceDeploymentArn":"{{DeploymentArn1}}","serviceArn":"{{ServiceArn}}","clusterArn":"{{ClusterArn}}","createdAt":{{CreatedAt}},"startedAt":{{CreatedAt + 1}},"targetServiceRevisionArn":"{{RevisionArn}}","status":"IN_PROGRESS"}],"nextToken":"page-2"}""")
                : Parse($$"""{"serviceDeployments":[{"serviceDeploymentArn":"{{DeploymentArn2}}","serviceArn":"{{ServiceArn}}","clusterArn":"{{ClusterArn}}","createdAt":{{CreatedAt - 3600}},"finishedAt":{{CreatedAt - 3000}},"targetServiceRevisionArn":"{{RevisionArn}}","status":"SUCCESSFUL","statusReason":"done"}]}"""),
            "DescribeServiceDeployments" => Parse($$"""
                {"serviceDeployments":[{"serviceDeploymentArn":"{{DeploymentArn1}}","serviceArn":"{{ServiceArn}}","clusterArn":"{{ClusterArn}}",
                  "createdAt":{{CreatedAt}},"startedAt":{{CreatedAt + 1}},"updatedAt":{{CreatedAt + 30}},
                  "sourceServiceRevisions":[{"arn":"arn:aws:ecs:eu-west-1:123456789012:service-revision/autopr-dev/autopr/1111","requestedTaskCount":2,"runningTaskCount":2,"pendingTaskCount":0}],
                  "targetServiceRevision":{"arn":"{{RevisionArn}}","requestedTaskCount":2,"runningTaskCount":1,"pendingTaskCount":1,"requestedProductionTrafficWeight":0.0,"requestedTestTrafficWeight":100.0},
                  "status":"ROLLBACK_IN_PROGRESS","statusReason":"circuit breaker triggered","lifecycleStage":"SCALE_UP",
                  "deploymentConfiguration":{"strategy":"BLUE_GREEN","bakeTimeInMinutes":5,"minimumHealthyPercent":100,"maximumPercent":200,"deploymentCircuitBreaker":{"enable":true,"rollback":true} },
                  "rollback":{"reason":"Deployment circuit breaker: tasks failed to start.","startedAt":{{CreatedAt + 25}},"serviceRevisionArn":"arn:aws:ecs:eu-west-1:123456789012:service-revision/autopr-dev/autopr/1111"},
                  "deploymentCircuitBreaker":{"status":"TRIGGERED","failureCount":3,"threshold":3} }],
                 "failures":[{"arn":"arn:aws:ecs:eu-west-1:123456789012:service-deployment/autopr-dev/autopr/missing","reason":"MISSING"}]}
                """),
            "DescribeServiceRevisions" => Parse($$"""
                {"serviceRevisions":[{"serviceRevisionArn":"{{RevisionArn}}","serviceArn":"{{ServiceArn}}","clusterArn":"{{ClusterArn}}","taskDefinition":"{{TaskDefinitionArn}}",
                  "launchType":"FARGATE","platformVersion":"1.4.0","platformFamily":"Linux","createdAt":{{CreatedAt}} }],
                 "failures":[{"arn":"arn:aws:ecs:eu-west-1:123456789012:service-revision/autopr-dev/autopr/1111","reason":"MISSING"}]}
                """),
            "StopServiceDeployment" or "ContinueServiceDeployment" => new JsonObject { ["serviceDeploymentArn"] = request?["serviceDeploymentArn"]?.DeepClone() ?? DeploymentArn1 },
            "TagResource" => [],
            "ListTagsForResource" => Parse("""{"tags":[{"key":"project","value":"autopr"},{"key":"revision","value":"abc1234"}]}"""),
            "GetAuthorizationToken" => Parse($$"""{"authorizationData":[{"authorizationToken":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + EcrPassword))}}","expiresAt":{{CreatedAt + 43200}},"proxyEndpoint":"https://123456789012.dkr.ecr.eu-west-1.amazonaws.com"}]}"""),
            "DescribeRepositories" => nextPage
                ? Parse($$"""{"repositories":[{{Repository("autopr")}}],"nextToken":"page-2"}""")
                : Parse($$"""{"repositories":[{{Repository("autopr-tools")}}]}"""),
            "CreateRepository" => Parse($$"""{"repository":{{Repository(request?["repositoryName"]?.GetValue<string>() ?? "autopr")}}}"""),
            "DescribeImages" => nextPage
                ? Parse($$"""{"imageDetails":[{"registryId":"123456789012","repositoryName":"autopr","imageDigest":"sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0","imageTags":["abc1234","dev"],"imageSizeInBytes":52428800,"imagePushedAt":{{CreatedAt}},"imageManifestMediaType":"application/vnd.docker.distribution.manifest.v2+json","imageScanStatus":{"status":"COMPLETE","description":"done"} }],"nextToken":"page-2"}""")
                : Parse("""{"imageDetails":[]}"""),
            "BatchGetImage" => new JsonObject
            {
                ["images"] = new JsonArray(new JsonObject
                {
                    ["registryId"] = "123456789012",
                    ["repositoryName"] = "autopr",
                    ["imageId"] = new JsonObject { ["imageDigest"] = "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", ["imageTag"] = "abc1234" },
                    ["imageManifest"] = SampleDocuments.ImageManifest.Trim(),
                    ["imageManifestMediaType"] = "application/vnd.docker.distribution.manifest.v2+json",
                }),
                ["failures"] = Parse("""{"a":[{"imageId":{"imageTag":"nope"},"failureCode":"ImageNotFound","failureReason":"Requested image not found"}]}""")["a"]!.DeepClone(),
            },
            "PutImage" => new JsonObject
            {
                ["image"] = new JsonObject
                {
                    ["registryId"] = "123456789012",
                    ["repositoryName"] = request?["repositoryName"]?.DeepClone() ?? "autopr",
                    ["imageId"] = new JsonObject { ["imageDigest"] = "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", ["imageTag"] = request?["imageTag"]?.DeepClone() ?? "promoted" },
                    ["imageManifest"] = request?["imageManifest"]?.DeepClone() ?? "{}",
                },
            },
            "ListImages" => Page("imageIds", nextPage, (JsonNode)Parse("""{"imageDigest":"sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0","imageTag":"abc1234"}"""), Parse("""{"imageDigest":"sha256:1f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"}""")),
            "GetMetricData" => nextPage
                ? Parse($$"""{"MetricDataResults":[{"Id":"p99","Label":"TargetResponseTime p99","Timestamps":[{{CreatedAt + 120}},{{CreatedAt + 60}}],"Values":[0.25,0.5],"StatusCode":"PartialData"}],"NextToken":"page-2","Messages":[]}""")
                : Parse($$"""{"MetricDataResults":[{"Id":"p99","Label":"TargetResponseTime p99","Timestamps":[{{CreatedAt}}],"Values":[0.125],"StatusCode":"Complete"}],"Messages":[]}"""),
            "DescribeAlarms" => nextPage
                ? Parse("""{"MetricAlarms":[{"AlarmName":"autopr-dev-5xx-rate","StateValue":"OK","StateReason":"Threshold Crossed"}],"CompositeAlarms":[],"NextToken":"page-2"}""")
                : Parse("""{"MetricAlarms":[{"AlarmName":"autopr-dev-p99-latency","StateValue":"INSUFFICIENT_DATA"}],"CompositeAlarms":[]}"""),
            "PutMetricAlarm" => new JsonObject(),
            _ => throw new InvalidOperationException("no canned response for " + operation),
        };
    }

    private static JsonObject Service() => Parse($$"""
        {"serviceArn":"{{ServiceArn}}","serviceName":"autopr","clusterArn":"{{ClusterArn}}","status":"ACTIVE","desiredCount":2,"runningCount":1,"pendingCount":1,
         "launchType":"FARGATE","taskDefinition":"{{TaskDefinitionArn}}","currentServiceDeployment":"{{DeploymentArn1}}",
         "deploymentConfiguration":{"strategy":"ROLLING","minimumHealthyPercent":100,"maximumPercent":200,"deploymentCircuitBreaker":{"enable":true,"rollback":true} },
         "deployments":[
           {"id":"ecs-svc/1234567890123456789","status":"PRIMARY","taskDefinition":"{{TaskDefinitionArn}}","desiredCount":2,"pendingCount":1,"runningCount":1,"failedTasks":1,"createdAt":{{CreatedAt}},"updatedAt":{{CreatedAt + 30}},"launchType":"FARGATE","rolloutState":"IN_PROGRESS","rolloutStateReason":"ECS deployment ecs-svc/1234567890123456789 in progress."},
           {"id":"ecs-svc/9876543210987654321","status":"ACTIVE","taskDefinition":"arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr:6","desiredCount":2,"pendingCount":0,"runningCount":2,"failedTasks":0,"createdAt":{{CreatedAt - 3600}},"updatedAt":{{CreatedAt - 3000}},"rolloutState":"COMPLETED","rolloutStateReason":"ECS deployment completed."}],
         "events":[{"id":"e2","createdAt":{{CreatedAt + 30}},"message":"(service autopr) has started 1 tasks: (task 0a1b2c3d)."},{"id":"e1","createdAt":{{CreatedAt}},"message":"(service autopr) has reached a steady state."}],
         "createdAt":{{CreatedAt - 86400}},"healthCheckGracePeriodSeconds":30,"schedulingStrategy":"REPLICA"}
        """);

    private static JsonObject TaskDefinitionResponse() => Parse($$"""
        {"taskDefinition":{"taskDefinitionArn":"{{TaskDefinitionArn}}","family":"autopr","revision":7,"status":"ACTIVE","networkMode":"awsvpc","cpu":"256","memory":"512",
           "requiresCompatibilities":["FARGATE"],"compatibilities":["EC2","FARGATE"],"registeredAt":{{CreatedAt}},
           "containerDefinitions":[{"name":"autopr","image":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/autopr@sha256:0f1e","essential":true,"portMappings":[{"containerPort":8000,"protocol":"tcp"}]}]},
         "tags":[{"key":"project","value":"autopr"},{"key":"revision","value":"abc1234"}]}
        """);

    private static string Repository(string name) =>
        $$"""{"repositoryArn":"arn:aws:ecr:eu-west-1:123456789012:repository/{{name}}","registryId":"123456789012","repositoryName":"{{name}}","repositoryUri":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/{{name}}","createdAt":{{CreatedAt}},"imageTagMutability":"IMMUTABLE","imageScanningConfiguration":{"scanOnPush":true},"encryptionConfiguration":{"encryptionType":"AES256"} }""";

    private static JsonObject Page(string member, bool first, params JsonNode[] items)
    {
        var page = new JsonObject { [member] = new JsonArray(first ? items[0].DeepClone() : items[1].DeepClone()) };
        if (first)
        {
            page["nextToken"] = "page-2";
        }

        return page;
    }

    private static JsonObject Page(string member, bool first, string firstItem, string secondItem) =>
        Page(member, first, JsonValue.Create(firstItem)!, JsonValue.Create(secondItem)!);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
