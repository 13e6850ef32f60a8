"""Drives LocalEcs with boto3 (an independent client with the newest AWS models) through every operation
LocalEcs implements, and checks the parsed responses. Usage: boto3_drive.py ENDPOINT IMAGE REPOSITORY MANIFEST_FILE.
Prints one JSON line with what it saw; exits non-zero on the first failed check."""
import datetime
import json
import sys
import time

import boto3
import botocore.config
from boto3_checks import check, error_code

endpoint, image, repository, manifest_file = sys.argv[1:5]
config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
session = boto3.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
ecs = session.client("ecs", endpoint_url=endpoint, config=config)
ecr = session.client("ecr", endpoint_url=endpoint, config=config)
cloudwatch = session.client("cloudwatch", endpoint_url=endpoint, config=config)
seen = {}


def wait_for_deployment(arn, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        deployment = ecs.describe_service_deployments(serviceDeploymentArns=[arn])["serviceDeployments"][0]
        if deployment["status"] in ("SUCCESSFUL", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED", "STOPPED"):
            return deployment
        time.sleep(0.3)
    raise SystemExit(f"deployment {arn} did not finish")


# ECS
cluster = ecs.create_cluster(clusterName="autopr-local")["cluster"]
check(cluster["clusterArn"].endswith(":cluster/autopr-local"), "cluster ARN")
check(ecs.describe_clusters(clusters=["autopr-local"])["clusters"][0]["status"] == "ACTIVE", "cluster ACTIVE")
check("arn:aws:ecs:us-east-1:000000000000:cluster/autopr-local" in ecs.list_clusters()["clusterArns"], "list_clusters")
container = {
    "name": "web", "image": image, "essential": True, "portMappings": [{"containerPort": 8000}],
    "environment": [{"name": "AUTOPR_VERSION", "value": "1.0.0"}, {"name": "SHUTDOWN_DRAIN_SECONDS", "value": "1"}],
    "healthCheck": {"command": ["CMD", "/app/AutoPR.Service", "healthcheck"], "interval": 10, "timeout": 5, "retries": 3, "startPeriod": 60},
}
registered = ecs.register_task_definition(family="autopr", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="1024", memory="512",
                                          containerDefinitions=[container], tags=[{"key": "rev", "value": "1"}])
check(isinstance(registered["taskDefinition"]["registeredAt"], datetime.datetime), "registeredAt is a timestamp")
v1 = registered["taskDefinition"]["taskDefinitionArn"]
slow = dict(container, environment=container["environment"] + [{"name": "AUTOPR_FAULT_START_DELAY_SECONDS", "value": "6"}])
v2 = ecs.register_task_definition(family="autopr", containerDefinitions=[slow])["taskDefinition"]["taskDefinitionArn"]
check(ecs.describe_task_definition(taskDefinition="autopr:1", include=["TAGS"])["tags"] == [{"key": "rev", "value": "1"}], "task definition tags")
check(ecs.list_task_definitions(familyPrefix="autopr")["taskDefinitionArns"] == [v1, v2], "list_task_definitions")
check(ecs.list_task_definition_families()["families"] == ["autopr"], "families")
service = ecs.create_service(
    cluster="autopr-local", serviceName="autopr", taskDefinition=v1, desiredCount=1, launchType="FARGATE", healthCheckGracePeriodSeconds=120,
    deploymentConfiguration={"maximumPercent": 200, "minimumHealthyPercent": 100, "deploymentCircuitBreaker": {"enable": True, "rollback": True}},
)["service"]
check(isinstance(service["createdAt"], datetime.datetime), "service createdAt")
first = ecs.list_service_deployments(cluster="autopr-local", service="autopr")["serviceDeployments"][0]
check(wait_for_deployment(first["serviceDeploymentArn"])["status"] == "SUCCESSFUL", "first deployment SUCCESSFUL")
described = ecs.describe_services(cluster="autopr-local", services=["autopr", "missing"])
check(described["failures"][0]["reason"] == "MISSING", "MISSING failure")
service = described["services"][0]
check(service["deployments"][0]["rolloutState"] == "COMPLETED", "rolloutState COMPLETED")
check(all(isinstance(e["createdAt"], datetime.datetime) and e["id"] for e in service["events"]), "events have ids and times")
check(ecs.list_services(cluster="autopr-local")["serviceArns"] == [service["serviceArn"]], "list_services")
tasks = ecs.list_tasks(cluster="autopr-local", serviceName="autopr")["taskArns"]
task = ecs.describe_tasks(cluster="autopr-local", tasks=tasks)["tasks"][0]
check(task["lastStatus"] == "RUNNING" and isinstance(task["startedAt"], datetime.datetime), "running task")
seen["taskAddress"] = task["containers"][0]["networkInterfaces"][0]["privateIpv4Address"]

ecs.update_service(cluster="autopr-local", service="autopr", taskDefinition=v2)
latest = ecs.list_service_deployments(cluster="autopr-local", service="autopr", status=["IN_PROGRESS"])["serviceDeployments"][0]
ecs.stop_service_deployment(serviceDeploymentArn=latest["serviceDeploymentArn"], stopType="ROLLBACK")
rolled_back = wait_for_deployment(latest["serviceDeploymentArn"])
check(rolled_back["status"] == "ROLLBACK_SUCCESSFUL", "ROLLBACK_SUCCESSFUL")
check(isinstance(rolled_back["rollback"]["startedAt"], datetime.datetime), "rollback startedAt")
revisions = ecs.describe_service_revisions(serviceRevisionArns=[rolled_back["rollback"]["serviceRevisionArn"]])["serviceRevisions"]
check(revisions[0]["taskDefinition"] == v1, "rolled back to revision 1")

stopped = ecs.stop_task(cluster="autopr-local", task=tasks[0], reason="boto3 stop")["task"]
check(stopped["desiredStatus"] == "STOPPED", "stop_task")
ecs.tag_resource(resourceArn=service["serviceArn"], tags=[{"key": "a", "value": "1"}, {"key": "b", "value": "2"}])
ecs.untag_resource(resourceArn=service["serviceArn"], tagKeys=["b"])
check(ecs.list_tags_for_resource(resourceArn=service["serviceArn"])["tags"] == [{"key": "a", "value": "1"}], "tags")
check(ecs.deregister_task_definition(taskDefinition=v2)["taskDefinition"]["status"] == "INACTIVE", "deregister")
# What Cleanup relies on: a deregistered revision leaves the ACTIVE list, is listed as INACTIVE, and stays describable.
check(ecs.list_task_definitions(familyPrefix="autopr", status="ACTIVE", sort="DESC")["taskDefinitionArns"] == [v1], "deregistered revision not ACTIVE")
check(ecs.list_task_definitions(familyPrefix="autopr", status="INACTIVE")["taskDefinitionArns"] == [v2], "deregistered revision INACTIVE")
check(isinstance(ecs.describe_task_definition(taskDefinition=v2)["taskDefinition"]["deregisteredAt"], datetime.datetime), "deregisteredAt")
check(error_code(ecs.deregister_task_definition, taskDefinition="autopr") == "ClientException", "deregister needs a revision")
check(error_code(ecs.describe_services, cluster="nope", services=["autopr"]) == "ClusterNotFoundException", "ClusterNotFoundException")
check(error_code(ecs.update_service, cluster="autopr-local", service="nope", desiredCount=1) == "ServiceNotFoundException", "ServiceNotFoundException")
check(error_code(ecs.describe_task_definition, taskDefinition="nope:7") == "ClientException", "ClientException")
ecs.update_service(cluster="autopr-local", service="autopr", desiredCount=0)
check(ecs.delete_service(cluster="autopr-local", service="autopr")["service"]["status"] == "DRAINING", "delete_service")

# ECR
repo = ecr.create_repository(repositoryName=repository, imageScanningConfiguration={"scanOnPush": True})["repository"]
check(isinstance(repo["createdAt"], datetime.datetime), "repository createdAt")
check(error_code(ecr.create_repository, repositoryName=repository) == "RepositoryAlreadyExistsException", "RepositoryAlreadyExistsException")
check(ecr.describe_repositories(repositoryNames=[repository])["repositories"][0]["imageScanningConfiguration"]["scanOnPush"], "scanOnPush")
check(error_code(ecr.describe_repositories, repositoryNames=[repository + "-x"]) == "RepositoryNotFoundException", "RepositoryNotFoundException")
auth = ecr.get_authorization_token()["authorizationData"][0]
check(isinstance(auth["expiresAt"], datetime.datetime), "token expiresAt")
manifest = open(manifest_file).read()
put = ecr.put_image(repositoryName=repository, imageManifest=manifest, imageTag="v1")["image"]
digest = put["imageId"]["imageDigest"]
check(ecr.list_images(repositoryName=repository)["imageIds"] == [{"imageDigest": digest, "imageTag": "v1"}], "list_images")
detail = ecr.describe_images(repositoryName=repository, imageIds=[{"imageDigest": digest}])["imageDetails"][0]
check(detail["imageTags"] == ["v1"] and isinstance(detail["imagePushedAt"], datetime.datetime), "describe_images")
check(ecr.batch_get_image(repositoryName=repository, imageIds=[{"imageTag": "v1"}])["images"][0]["imageManifest"] == manifest, "batch_get_image")
check(error_code(ecr.describe_images, repositoryName=repository, imageIds=[{"imageTag": "nope"}]) == "ImageNotFoundException", "ImageNotFoundException")
deleted = ecr.batch_delete_image(repositoryName=repository, imageIds=[{"imageDigest": digest}])
check(deleted["imageIds"][0]["imageDigest"] == digest and deleted["failures"] == [], "batch_delete_image")
check(ecr.list_images(repositoryName=repository)["imageIds"] == [], "image deleted")
ecr.delete_repository(repositoryName=repository, force=True)

# CloudWatch
now = datetime.datetime.now(datetime.timezone.utc)
result = cloudwatch.get_metric_data(
    StartTime=now - datetime.timedelta(minutes=10), EndTime=now + datetime.timedelta(minutes=1),
    MetricDataQueries=[{"Id": "latency", "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "TargetResponseTime"}, "Period": 60, "Stat": "p99"}}],
)["MetricDataResults"][0]
check(result["Id"] == "latency" and result["StatusCode"] == "Complete", "get_metric_data")
seen["operations"] = "ok"
print(json.dumps(seen))
