using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>Realistic rendered documents, as a deployment would send them.</summary>
public static class SampleDocuments
{
    public const string Account = "123456789012";

    public static JsonObject TaskDefinition(string family = "autopr", string image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/autopr@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0") => JsonNode.Parse($$"""
        {
          "family": "{{family}}",
          "taskRoleArn": "arn:aws:iam::123456789012:role/autopr-dev-task",
          "executionRoleArn": "arn:aws:iam::123456789012:role/autopr-dev-task-execution",
          "networkMode": "awsvpc",
          "requiresCompatibilities": ["FARGATE"],
          "cpu": "256",
          "memory": "512",
          "runtimePlatform": { "cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX" },
          "containerDefinitions": [
            {
              "name": "autopr",
              "image": "{{image}}",
              "essential": true,
              "portMappings": [ { "containerPort": 8000, "protocol": "tcp", "name": "http" } ],
              "environment": [ { "name": "LOG_LEVEL", "value": "Debug" }, { "name": "ENVIRONMENT", "value": "dev" } ],
              "secrets": [ { "name": "DATABASE_URL", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/autopr/dev/DATABASE_URL" } ],
              "healthCheck": { "command": ["CMD", "/app/AutoPR.Service", "healthcheck"], "interval": 10, "timeout": 5, "retries": 3, "startPeriod": 15 },
              "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/autopr-dev", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "autopr" } },
              "stopTimeout": 30
            }
          ],
          "tags": [ { "key": "project", "value": "autopr" }, { "key": "revision", "value": "abc1234" } ]
        }
        """)!.AsObject();

    public static JsonObject ServiceDefinition(string cluster = "autopr-dev", string service = "autopr", string taskDefinition = "autopr:1") => JsonNode.Parse($$"""
        {
          "cluster": "{{cluster}}",
          "serviceName": "{{service}}",
          "taskDefinition": "{{taskDefinition}}",
          "desiredCount": 2,
          "launchType": "FARGATE",
          "deploymentController": { "type": "ECS" },
          "deploymentConfiguration": {
            "strategy": "BLUE_GREEN",
            "bakeTimeInMinutes": 5,
            "minimumHealthyPercent": 100,
            "maximumPercent": 200,
            "deploymentCircuitBreaker": { "enable": true, "rollback": true }
          },
          "networkConfiguration": {
            "awsvpcConfiguration": { "subnets": ["subnet-0a1b2c3d4e5f60001"], "securityGroups": ["sg-0a1b2c3d4e5f60001"], "assignPublicIp": "DISABLED" }
          },
          "loadBalancers": [
            {
              "targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/autopr-blue/0a1b2c3d4e5f6072",
              "containerName": "autopr",
              "containerPort": 8000,
              "advancedConfiguration": {
                "alternateTargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/autopr-green/0a1b2c3d4e5f6073",
                "productionListenerRule": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/autopr/0a1b2c3d4e5f6074/0a1b2c3d4e5f6075/0a1b2c3d4e5f6076",
                "roleArn": "arn:aws:iam::123456789012:role/autopr-ecs-infrastructure"
              }
            }
          ],
          "healthCheckGracePeriodSeconds": 30,
          "propagateTags": "SERVICE",
          "enableECSManagedTags": true,
          "tags": [ { "key": "project", "value": "autopr" } ]
        }
        """)!.AsObject();

    public static JsonObject UpdateServiceRequest(string cluster = "autopr-dev", string service = "autopr", string taskDefinition = "autopr:2") => JsonNode.Parse($$"""
        {
          "cluster": "{{cluster}}",
          "service": "{{service}}",
          "taskDefinition": "{{taskDefinition}}",
          "desiredCount": 2,
          "deploymentConfiguration": {
            "strategy": "ROLLING",
            "minimumHealthyPercent": 100,
            "maximumPercent": 200,
            "deploymentCircuitBreaker": { "enable": true, "rollback": true }
          },
          "healthCheckGracePeriodSeconds": 30,
          "forceNewDeployment": false
        }
        """)!.AsObject();

    /// <summary>An OCI image manifest (for PutImage promotion).</summary>
    public const string ImageManifest = """
        {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32654,"digest":"sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f"}]}
        """;
}
