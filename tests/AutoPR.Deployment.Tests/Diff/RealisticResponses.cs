using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Tests.Diff;

/// <summary>
/// DescribeTaskDefinition and DescribeServices responses as ECS returns them for the production templates
/// (shape from the botocore model, values as the API fills them in: ARN, revision, requiresAttributes,
/// compatibilities, registeredAt/By, container cpu 0, hostPort, protocol, health-check defaults, empty lists,
/// environment in another order, alarms and deployment-controller defaults).
/// </summary>
public static class RealisticResponses
{
    public static JsonObject DescribeTaskDefinition(string digest, string gitSha) => JsonNode.Parse($$"""
        {
          "taskDefinition": {
            "taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr-production:42",
            "containerDefinitions": [
              {
                "name": "autopr",
                "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/autopr@{{digest}}",
                "cpu": 0,
                "portMappings": [ { "containerPort": 8000, "hostPort": 8000, "protocol": "tcp", "name": "http", "appProtocol": "http" } ],
                "essential": true,
                "environment": [
                  { "name": "LOG_LEVEL", "value": "Warning" },
                  { "name": "AUTOPR_VERSION", "value": "1.2.3" },
                  { "name": "ENVIRONMENT", "value": "production" },
                  { "name": "AUTOPR_REVISION", "value": "{{gitSha}}" },
                  { "name": "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "value": "true" },
                  { "name": "AUTOPR_IMAGE_TAG", "value": "main-{{gitSha[..7]}}" }
                ],
                "mountPoints": [],
                "volumesFrom": [],
                "secrets": [
                  { "name": "GITHUB_TOKEN", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/autopr/production/GITHUB_TOKEN" },
                  { "name": "DATABASE_URL", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/autopr/production/DATABASE_URL" }
                ],
                "stopTimeout": 30,
                "logConfiguration": {
                  "logDriver": "awslogs",
                  "options": { "awslogs-group": "/ecs/autopr-production", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "autopr" },
                  "secretOptions": []
                },
                "healthCheck": { "command": [ "CMD", "/app/AutoPR.Service", "healthcheck" ], "interval": 10, "timeout": 5, "retries": 3, "startPeriod": 15 },
                "systemControls": [],
                "versionConsistency": "enabled"
              }
            ],
            "family": "autopr-production",
            "taskRoleArn": "arn:aws:iam::123456789012:role/autopr-production-task",
            "executionRoleArn": "arn:aws:iam::123456789012:role/autopr-production-task-execution",
            "networkMode": "awsvpc",
            "revision": 42,
            "volumes": [],
            "status": "ACTIVE",
            "requiresAttributes": [
              { "name": "com.amazonaws.ecs.capability.logging-driver.awslogs" },
              { "name": "ecs.capability.execution-role-awslogs" },
              { "name": "com.amazonaws.ecs.capability.ecr-auth" },
              { "name": "com.amazonaws.ecs.capability.docker-remote-api.1.19" },
              { "name": "ecs.capability.secrets.ssm.environment-variables" },
              { "name": "com.amazonaws.ecs.capability.task-iam-role" },
              { "name": "ecs.capability.container-health-check" },
              { "name": "ecs.capability.execution-role-ecr-pull" },
              { "name": "com.amazonaws.ecs.capability.docker-remote-api.1.18" },
              { "name": "ecs.capability.task-eni" },
              { "name": "com.amazonaws.ecs.capability.docker-remote-api.1.29" }
            ],
            "placementConstraints": [],
            "compatibilities": [ "EC2", "FARGATE" ],
            "runtimePlatform": { "cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX" },
            "requiresCompatibilities": [ "FARGATE" ],
            "cpu": "1024",
            "memory": "2048",
            "registeredAt": 1768478400.123,
            "registeredBy": "arn:aws:sts::123456789012:assumed-role/github-deploy/GitHubActions",
            "enableFaultInjection": false
          },
          "tags": [
            { "key": "environment", "value": "production" },
            { "key": "project", "value": "autopr" },
            { "key": "autopr:history:00", "value": "kind=Deploy outcome=Verified env=production start=2026-01-15T11:00:00Z actor=ci" }
          ]
        }
        """)!.AsObject();

    public static JsonObject DescribeServices() => JsonNode.Parse("""
        {
          "services": [
            {
              "serviceArn": "arn:aws:ecs:eu-west-1:123456789012:service/autopr-production/autopr",
              "serviceName": "autopr",
              "clusterArn": "arn:aws:ecs:eu-west-1:123456789012:cluster/autopr-production",
              "loadBalancers": [
                {
                  "targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/autopr-production-blue/0a1b2c3d4e5f6072",
                  "containerName": "autopr",
                  "containerPort": 8000,
                  "advancedConfiguration": {
                    "alternateTargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/autopr-production-green/0a1b2c3d4e5f6073",
                    "productionListenerRule": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/autopr-production/0a1b2c3d4e5f6074/0a1b2c3d4e5f6075/0a1b2c3d4e5f6076",
                    "testListenerRule": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/autopr-production/0a1b2c3d4e5f6074/0a1b2c3d4e5f6077/0a1b2c3d4e5f6078",
                    "roleArn": "arn:aws:iam::123456789012:role/autopr-production-ecs-infrastructure"
                  }
                }
              ],
              "serviceRegistries": [],
              "status": "ACTIVE",
              "desiredCount": 3,
              "runningCount": 3,
              "pendingCount": 0,
              "launchType": "FARGATE",
              "platformVersion": "LATEST",
              "platformFamily": "Linux",
              "taskDefinition": "arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr-production:42",
              "deploymentConfiguration": {
                "deploymentCircuitBreaker": { "enable": true, "rollback": true },
                "maximumPercent": 200,
                "minimumHealthyPercent": 100,
                "alarms": { "alarmNames": ["autopr-production-p99-latency", "autopr-production-5xx-rate"], "rollback": true, "enable": true },
                "strategy": "BLUE_GREEN",
                "bakeTimeInMinutes": 15,
                "linearConfiguration": { "stepPercent": 10.0, "stepBakeTimeInMinutes": 6 },
                "lifecycleHooks": [
                  {
                    "targetType": "PAUSE",
                    "lifecycleStages": ["POST_TEST_TRAFFIC_SHIFT"],
                    "hookDetails": {},
                    "timeoutConfiguration": { "timeoutInMinutes": 15, "action": "ROLLBACK" }
                  }
                ]
              },
              "deployments": [
                {
                  "id": "ecs-svc/1234567890123456789",
                  "status": "PRIMARY",
                  "taskDefinition": "arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr-production:42",
                  "desiredCount": 3, "pendingCount": 0, "runningCount": 3, "failedTasks": 0,
                  "createdAt": 1768478400.5, "updatedAt": 1768478700.5,
                  "launchType": "FARGATE", "platformVersion": "1.4.0", "platformFamily": "Linux",
                  "networkConfiguration": { "awsvpcConfiguration": { "subnets": [ "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60001" ], "securityGroups": [ "sg-0a1b2c3d4e5f60001" ], "assignPublicIp": "DISABLED" } },
                  "rolloutState": "COMPLETED",
                  "rolloutStateReason": "ECS deployment ecs-svc/1234567890123456789 completed."
                }
              ],
              "roleArn": "arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
              "events": [ { "id": "9a8b7c6d", "createdAt": 1768478700.5, "message": "(service autopr) has reached a steady state." } ],
              "createdAt": 1760000000.0,
              "currentServiceDeployment": "arn:aws:ecs:eu-west-1:123456789012:service-deployment/autopr-production/autopr/Nv7bqRlVCHhS8A3X",
              "placementConstraints": [],
              "placementStrategy": [],
              "networkConfiguration": { "awsvpcConfiguration": { "subnets": [ "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60001" ], "securityGroups": [ "sg-0a1b2c3d4e5f60001" ], "assignPublicIp": "DISABLED" } },
              "healthCheckGracePeriodSeconds": 60,
              "schedulingStrategy": "REPLICA",
              "deploymentController": { "type": "ECS" },
              "createdBy": "arn:aws:iam::123456789012:role/github-deploy",
              "enableECSManagedTags": true,
              "propagateTags": "SERVICE",
              "enableExecuteCommand": false,
              "availabilityZoneRebalancing": "ENABLED"
            }
          ],
          "failures": []
        }
        """)!.AsObject();
}
