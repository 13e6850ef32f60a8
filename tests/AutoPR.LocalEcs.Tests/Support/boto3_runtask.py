"""Drives LocalEcs's standalone tasks (RunTask, DescribeTasks, StopTask, ListTasks), SSM Parameter Store and
CloudWatch Logs with boto3, and checks the parsed answers. Usage: boto3_runtask.py ENDPOINT IMAGE REGISTRY SECRET.
Prints one JSON line with what it saw (never the secret); exits non-zero on the first failed check."""
import hashlib
import json
import sys
import time

import boto3
import botocore.config
from boto3_checks import check, error_code

endpoint, image, registry, secret = sys.argv[1:5]
config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
session = boto3.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
ecs = session.client("ecs", endpoint_url=endpoint, config=config)
ssm = session.client("ssm", endpoint_url=endpoint, config=config)
logs = session.client("logs", endpoint_url=endpoint, config=config)
cluster = "autopr-local"
group = "/ecs/autopr-job"
seen = {}


def wait_for(task_arn, status, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        task = ecs.describe_tasks(cluster=cluster, tasks=[task_arn])["tasks"][0]
        if task["lastStatus"] == status:
            return task
        time.sleep(0.1)
    raise SystemExit(f"task {task_arn} did not reach {status}: {task['lastStatus']} {task.get('stoppedReason')}")


def run(family, command=None, environment=None, **kwargs):
    overrides = {"containerOverrides": [dict(name="job", **({"command": command} if command else {}), **({"environment": environment} if environment else {}))]}
    answer = ecs.run_task(cluster=cluster, taskDefinition=family, launchType="FARGATE", overrides=overrides,
                          networkConfiguration={"awsvpcConfiguration": {"subnets": ["subnet-local"], "assignPublicIp": "DISABLED"}}, **kwargs)
    check(answer["failures"] == [] and len(answer["tasks"]) == 1, f"run_task answered {answer}")
    return answer["tasks"][0]["taskArn"]


# SSM Parameter Store
name = "/autopr-it/db-password"
put = ssm.put_parameter(Name=name, Value="first", Type="SecureString", Description="db password")
check(put["Version"] == 1 and put["Tier"] == "Standard", "first put is version 1")
check(error_code(ssm.put_parameter, Name=name, Value="again", Type="SecureString") == "ParameterAlreadyExists", "ParameterAlreadyExists")
check(ssm.put_parameter(Name=name, Value=secret, Type="SecureString", Overwrite=True)["Version"] == 2, "overwrite is version 2")
masked = ssm.get_parameter(Name=name)["Parameter"]
check(masked["Value"] != secret and secret not in masked["Value"] and masked["Type"] == "SecureString", "SecureString without decryption is not the plaintext")
arn = ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["ARN"]
check(arn == "arn:aws:ssm:us-east-1:000000000000:parameter/autopr-it/db-password", "parameter ARN")
check(ssm.get_parameter(Name=arn, WithDecryption=True)["Parameter"]["Value"] == secret, "GetParameter by ARN, decrypted")
ssm.put_parameter(Name="/autopr-it/plain", Value="a,b", Type="StringList")
both = ssm.get_parameters(Names=[name, "/autopr-it/plain", "/autopr-it/absent"], WithDecryption=True)
check(sorted(p["Name"] for p in both["Parameters"]) == ["/autopr-it/db-password", "/autopr-it/plain"], "GetParameters found both")
check(both["InvalidParameters"] == ["/autopr-it/absent"], "GetParameters InvalidParameters")
described = ssm.describe_parameters(ParameterFilters=[{"Key": "Name", "Option": "Equals", "Values": [name]}])["Parameters"]
check(len(described) == 1 and described[0]["Version"] == 2 and described[0]["Description"] == "db password", "DescribeParameters Name Equals")
check(ssm.describe_parameters(ParameterFilters=[{"Key": "Name", "Option": "Equals", "Values": ["/autopr-it/absent"]}])["Parameters"] == [], "DescribeParameters no match")
check(error_code(ssm.get_parameter, Name="/autopr-it/absent") == "ParameterNotFound", "GetParameter ParameterNotFound")
check(error_code(ssm.delete_parameter, Name="/autopr-it/absent") == "ParameterNotFound", "DeleteParameter ParameterNotFound")
check(error_code(ssm.put_parameter, Name="/autopr-it/x", Value="v", Type="Secret") == "ValidationException", "bad Type ValidationException")
ssm.delete_parameter(Name="/autopr-it/plain")
check(error_code(ssm.get_parameter, Name="/autopr-it/plain") == "ParameterNotFound", "deleted parameter is gone")

# Standalone tasks
ecs.create_cluster(clusterName=cluster)
job = {
    "name": "job", "image": image, "essential": True, "entryPoint": ["/bin/sh", "-c"], "command": ["echo started"], "stopTimeout": 2,
    "secrets": [{"name": "DB_PASSWORD", "valueFrom": arn}],
    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": group, "awslogs-stream-prefix": "ecs", "awslogs-region": "us-east-1"}},
}
ecs.register_task_definition(family="job", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512", containerDefinitions=[job])
check(error_code(ecs.run_task, cluster=cluster, taskDefinition="absent-family") == "ClientException", "unknown task definition")

exited = run("job", command=["echo bye; exit 3"], startedBy="it-exit")
task = wait_for(exited, "STOPPED")
check(task["containers"][0]["exitCode"] == 3, "exitCode 3")
check(task["stopCode"] == "EssentialContainerExited" and task["stoppedReason"] == "Essential container in task exited", f"exit stop reason {task.get('stopCode')} {task.get('stoppedReason')}")
check(all(k in task for k in ("startedAt", "stoppedAt", "executionStoppedAt")), "stopped task times")
check(task["startedBy"] == "it-exit" and task["group"] == "family:job", "startedBy and group")

greeting = run("job", command=['echo "greeting=$GREETING"; printf %s "$DB_PASSWORD" | sha256sum; echo to-stderr >&2'], environment=[{"name": "GREETING", "value": "hello-override"}])
task = wait_for(greeting, "STOPPED")
check(task["containers"][0]["exitCode"] == 0, "greeting task exit 0")
check(task["overrides"]["containerOverrides"][0]["environment"] == [{"name": "GREETING", "value": "hello-override"}], "overrides described")
task_id = greeting.split("/")[-1]
stream = f"ecs/job/{task_id}"
events = logs.get_log_events(logGroupName=group, logStreamName=stream, startFromHead=True)
messages = [e["message"] for e in events["events"]]
check("greeting=hello-override" in messages, f"override reached the container: {messages}")
check(hashlib.sha256(secret.encode()).hexdigest() + "  -" in messages, "secret reached the container")
check("to-stderr" in messages, "stderr captured")
check(all(isinstance(e["timestamp"], int) and isinstance(e["ingestionTime"], int) for e in events["events"]), "event times")
first = logs.get_log_events(logGroupName=group, logStreamName=stream, startFromHead=True, limit=1)
check([e["message"] for e in first["events"]] == messages[:1], "limit 1 from head")
check(first["nextForwardToken"].startswith("f/") and first["nextBackwardToken"].startswith("b/"), "token shapes")
second = logs.get_log_events(logGroupName=group, logStreamName=stream, nextToken=first["nextForwardToken"], limit=1)
check([e["message"] for e in second["events"]] == messages[1:2], "forward token pages on")
end = logs.get_log_events(logGroupName=group, logStreamName=stream, nextToken=events["nextForwardToken"])
check(end["events"] == [] and end["nextForwardToken"] == events["nextForwardToken"], "same forward token at the end")
back = logs.get_log_events(logGroupName=group, logStreamName=stream, nextToken=second["nextBackwardToken"])
check([e["message"] for e in back["events"]] == messages[:1], "backward token pages back")
streams = logs.describe_log_streams(logGroupName=group, logStreamNamePrefix="ecs/job/")["logStreams"]
check({f"ecs/job/{exited.split('/')[-1]}", stream} <= {s["logStreamName"] for s in streams}, "describe_log_streams lists the tasks' streams")
check(logs.describe_log_streams(logGroupName=group, orderBy="LastEventTime", descending=True, limit=1)["logStreams"][0]["logStreamName"] == stream, "newest stream first")
check(error_code(logs.get_log_events, logGroupName="/ecs/absent", logStreamName=stream) == "ResourceNotFoundException", "unknown group")
check(error_code(logs.get_log_events, logGroupName=group, logStreamName="ecs/job/absent") == "ResourceNotFoundException", "unknown stream")
check(error_code(logs.describe_log_streams, logGroupName="/ecs/absent") == "ResourceNotFoundException", "describe unknown group")

missing = dict(job, secrets=[{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:000000000000:parameter/autopr-it/missing"}])
ecs.register_task_definition(family="job-missing-secret", containerDefinitions=[missing])
task = wait_for(run("job-missing-secret"), "STOPPED")
check(task["stopCode"] == "TaskFailedToStart", "missing secret TaskFailedToStart")
check(task["stoppedReason"].startswith("ResourceInitializationError: unable to pull secrets or registry auth") and "/autopr-it/missing" in task["stoppedReason"], task["stoppedReason"])
seen["missingSecretReason"] = task["stoppedReason"]

ecs.register_task_definition(family="job-missing-image", containerDefinitions=[dict(job, image=f"{registry}/localecs-it/absent:1", secrets=[])])
task = wait_for(run("job-missing-image"), "STOPPED")
check(task["stopCode"] == "TaskFailedToStart" and task["stoppedReason"].startswith("CannotPullContainerError:"), task["stoppedReason"])
seen["missingImageReason"] = task["stoppedReason"]

sleeper = run("job", command=["sleep 300"], startedBy="it-sleep")
wait_for(sleeper, "RUNNING")
check(ecs.list_tasks(cluster=cluster, startedBy="it-sleep")["taskArns"] == [sleeper], "list_tasks startedBy")
check(sleeper in ecs.list_tasks(cluster=cluster, family="job")["taskArns"], "list_tasks family")
check(exited in ecs.list_tasks(cluster=cluster, family="job", desiredStatus="STOPPED")["taskArns"], "list_tasks STOPPED")
stopped = ecs.stop_task(cluster=cluster, task=sleeper, reason="done here")["task"]
check(stopped["desiredStatus"] == "STOPPED", "stop_task desiredStatus")
task = wait_for(sleeper, "STOPPED", timeout=60)
check(task["stopCode"] == "UserInitiated" and task["stoppedReason"] == "done here", "StopTask reason")

timings = []
for _ in range(4):
    began = time.time()
    wait_for(run("job", command=["true"]), "STOPPED")
    timings.append(round(time.time() - began, 2))
seen["runToStoppedSeconds"] = timings
seen["operations"] = "ok"
print(json.dumps(seen))
