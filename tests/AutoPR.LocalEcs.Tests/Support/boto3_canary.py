"""Drives a CANARY deployment with a PAUSE hook through LocalEcs with boto3 (an independent client with the newest AWS
models), and sends real HTTP requests to the production and test listeners on the way.
Usage: boto3_canary.py ENDPOINT IMAGE LISTENER_URL TEST_LISTENER_URL TARGET_GROUP ALTERNATE_TARGET_GROUP.
Prints one JSON line with what it saw; exits non-zero on the first failed check."""
import json
import sys
import time
import urllib.request

import boto3
import botocore.config
import botocore.exceptions
from boto3_checks import check

endpoint, image, listener, test_listener, target_group, alternate_target_group = sys.argv[1:7]
config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
session = boto3.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
ecs = session.client("ecs", endpoint_url=endpoint, config=config)
CANARY_PERCENT = 20.0
seen = {}


def version(base):
    with urllib.request.urlopen(base.rstrip("/") + "/version", timeout=5) as answer:
        return json.load(answer)["version"]


def describe(arn):
    return ecs.describe_service_deployments(serviceDeploymentArns=[arn])["serviceDeployments"][0]


def wait_for(arn, condition, what, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        deployment = describe(arn)
        if condition(deployment):
            return deployment
        check(deployment["status"] in ("PENDING", "IN_PROGRESS"), f"{what}: the deployment ended {deployment['status']}: {deployment.get('statusReason')}")
        time.sleep(0.2)
    raise SystemExit(f"timed out waiting for {what}: {json.dumps(describe(arn), default=str)}")


def task_definition(release):
    container = {
        "name": "web", "image": image, "essential": True, "portMappings": [{"containerPort": 8000}],
        "environment": [{"name": "AUTOPR_VERSION", "value": release}, {"name": "SHUTDOWN_DRAIN_SECONDS", "value": "1"}],
    }
    return ecs.register_task_definition(family="autopr", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
                                        containerDefinitions=[container])["taskDefinition"]["taskDefinitionArn"]


ecs.create_cluster(clusterName="autopr-local")
v1, v2 = task_definition("1.0.0"), task_definition("2.0.0")
hook = {"targetType": "PAUSE", "lifecycleStages": ["POST_TEST_TRAFFIC_SHIFT"], "timeoutConfiguration": {"timeoutInMinutes": 30, "action": "ROLLBACK"}}
service = ecs.create_service(
    cluster="autopr-local", serviceName="autopr", taskDefinition=v1, desiredCount=1, launchType="FARGATE", healthCheckGracePeriodSeconds=60,
    loadBalancers=[{"targetGroupArn": target_group, "containerName": "web", "containerPort": 8000, "advancedConfiguration": {
        "alternateTargetGroupArn": alternate_target_group,
        "productionListenerRule": "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/autopr/1/2/3",
        "testListenerRule": "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/autopr/1/2/4",
        "roleArn": "arn:aws:iam::000000000000:role/ecs"}}],
    deploymentConfiguration={"strategy": "CANARY", "bakeTimeInMinutes": 0, "maximumPercent": 200, "minimumHealthyPercent": 100,
                             "canaryConfiguration": {"canaryPercent": CANARY_PERCENT, "canaryBakeTimeInMinutes": 1},
                             "deploymentCircuitBreaker": {"enable": True, "rollback": True}, "lifecycleHooks": [hook]},
)["service"]
echoed = service["deploymentConfiguration"]
check(echoed["canaryConfiguration"] == {"canaryPercent": CANARY_PERCENT, "canaryBakeTimeInMinutes": 1}, f"canaryConfiguration echoed: {echoed}")
check(echoed["lifecycleHooks"] == [hook] and "linearConfiguration" not in echoed, f"lifecycleHooks echoed: {echoed}")
first = ecs.list_service_deployments(cluster="autopr-local", service="autopr")["serviceDeployments"][0]["serviceDeploymentArn"]
wait_for(first, lambda d: d["status"] == "SUCCESSFUL", "the first deployment")
check(version(listener) == "1.0.0" and version(test_listener) == "1.0.0", "both listeners serve blue outside a deployment")

ecs.update_service(cluster="autopr-local", service="autopr", taskDefinition=v2)
arn = ecs.list_service_deployments(cluster="autopr-local", service="autopr", status=["IN_PROGRESS"])["serviceDeployments"][0]["serviceDeploymentArn"]
paused = wait_for(arn, lambda d: any(h["status"] == "AWAITING_ACTION" for h in d.get("lifecycleHookDetails", [])), "the pause hook")
check(paused["lifecycleStage"] == "POST_TEST_TRAFFIC_SHIFT", f"paused at {paused['lifecycleStage']}")
waiting = paused["lifecycleHookDetails"][0]
check(waiting["targetType"] == "PAUSE" and waiting["timeoutAction"] == "ROLLBACK" and waiting["expiresAt"].year >= 2026, f"hook detail {waiting}")
target = paused["targetServiceRevision"]
check(target["requestedProductionTrafficWeight"] == 0.0 and target["requestedTestTrafficWeight"] == 100.0, f"weights while paused: {target}")
time.sleep(1)
check(describe(arn)["lifecycleStage"] == "POST_TEST_TRAFFIC_SHIFT", "the deployment waits at its hook")
seen["pausedProduction"] = sorted({version(listener) for _ in range(10)})
seen["pausedTest"] = sorted({version(test_listener) for _ in range(10)})

ecs.continue_service_deployment(serviceDeploymentArn=arn, hookId=waiting["hookId"], action="CONTINUE")
try:
    ecs.continue_service_deployment(serviceDeploymentArn=arn, hookId=waiting["hookId"], action="CONTINUE")
    raise SystemExit("continuing a settled hook did not fail")
except botocore.exceptions.ClientError as error:
    check(error.response["Error"]["Code"] == "InvalidParameterException", f"second continue: {error}")

canary = wait_for(arn, lambda d: d["targetServiceRevision"].get("requestedProductionTrafficWeight") == CANARY_PERCENT, "the canary step")
check(canary["sourceServiceRevisions"][0]["requestedProductionTrafficWeight"] == 100 - CANARY_PERCENT, f"blue's weight: {canary['sourceServiceRevisions']}")
seen["canary"] = {}
for _ in range(100):
    release = version(listener)
    seen["canary"][release] = seen["canary"].get(release, 0) + 1
check(describe(arn)["targetServiceRevision"]["requestedProductionTrafficWeight"] == CANARY_PERCENT, "the canary step lasted the 100 requests")

done = wait_for(arn, lambda d: d["status"] == "SUCCESSFUL", "the canary deployment to succeed")
check(done["targetServiceRevision"]["requestedProductionTrafficWeight"] == 100.0, f"final weights: {done['targetServiceRevision']}")
check([h["status"] for h in done["lifecycleHookDetails"]] == ["SUCCEEDED"], f"hook details after: {done['lifecycleHookDetails']}")
events = [e["message"] for e in ecs.describe_services(cluster="autopr-local", services=["autopr"])["services"][0]["events"]]
check(any(f"shifted {CANARY_PERCENT:.1f} % of production traffic to (target-group {alternate_target_group})" in m for m in events), f"canary event: {events[:10]}")
seen["after"] = sorted({version(listener) for _ in range(10)} | {version(test_listener) for _ in range(10)})
seen["operations"] = "ok"
print(json.dumps(seen))
