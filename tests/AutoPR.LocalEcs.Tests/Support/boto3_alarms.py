"""Drives LocalEcs's CloudWatch alarms with boto3 (an independent client with the newest AWS models): PutMetricAlarm,
DescribeAlarms (names, prefix, state, pagination), DeleteAlarms, and the states LocalEcs's evaluation gives them over the
request samples the test records (target group A: 5xx answers, B: 200s quickly, C: nothing).
Usage: boto3_alarms.py ENDPOINT PREFIX. Prints one JSON line; exits non-zero on the first failed check."""
import json
import sys
import time

import boto3
import botocore.config
from boto3_checks import check, error_code

endpoint, prefix = sys.argv[1:3]
config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
session = boto3.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
cloudwatch = session.client("cloudwatch", endpoint_url=endpoint, config=config)


def alarm(name, group, metric="HTTPCode_Target_5XX_Count", threshold=2.0, missing="notBreaching", **extra):
    stat = extra.pop("stat", {"Statistic": "Sum"})
    cloudwatch.put_metric_alarm(
        AlarmName=name, Namespace="AWS/ApplicationELB", MetricName=metric,
        Dimensions=[{"Name": "TargetGroup", "Value": f"targetgroup/{group}/0123456789abcdef"}],
        Period=10, EvaluationPeriods=1, Threshold=threshold, ComparisonOperator="GreaterThanThreshold",
        TreatMissingData=missing, **stat, **extra)


errors, healthy, missing, latency = (prefix + s for s in ("-a-5xx", "-b-5xx", "-c-missing", "-d-latency"))
alarm(errors, "group-a", AlarmDescription="5xx of group A")
alarm(healthy, "group-b")
alarm(missing, "group-c", missing="missing")
alarm(latency, "group-b", metric="TargetResponseTime", stat={"ExtendedStatistic": "p99"})

# Bad input is refused before anything is stored.
check(error_code(cloudwatch.put_metric_alarm, AlarmName=prefix + "-bad", Namespace="AWS/ApplicationELB", MetricName="RequestCount",
                 Statistic="Sum", Period=45, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanThreshold") == "InvalidParameterValueException", "period 45")
check(error_code(cloudwatch.put_metric_alarm, AlarmName=prefix + "-bad", Namespace="AWS/ApplicationELB", MetricName="RequestCount",
                 Statistic="Sum", Period=60, EvaluationPeriods=1, DatapointsToAlarm=2, Threshold=1, ComparisonOperator="GreaterThanThreshold") == "InvalidParameterValueException", "datapoints > periods")
check(error_code(cloudwatch.put_metric_alarm, AlarmName=prefix + "-bad", EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanThreshold",
                 Metrics=[{"Id": "m", "Expression": "1", "ReturnData": True}]) == "InvalidParameterValueException", "metric math refused")

described = cloudwatch.describe_alarms(AlarmNames=[latency, errors, prefix + "-nope"])["MetricAlarms"]
check([a["AlarmName"] for a in described] == [errors, latency], "describe_alarms by names, sorted, unknown left out")
first = described[0]
check(first["AlarmArn"] == f"arn:aws:cloudwatch:us-east-1:000000000000:alarm:{errors}" and first["AlarmDescription"] == "5xx of group A"
      and first["Period"] == 10 and first["Statistic"] == "Sum" and first["Dimensions"][0]["Name"] == "TargetGroup", "alarm fields")
check(described[1]["ExtendedStatistic"] == "p99" and "Statistic" not in described[1], "extended statistic")

pages = list(cloudwatch.get_paginator("describe_alarms").paginate(AlarmNamePrefix=prefix, PaginationConfig={"PageSize": 1}))
check(len(pages) == 4 and [p["MetricAlarms"][0]["AlarmName"] for p in pages] == sorted([errors, healthy, missing, latency]), "pagination by NextToken")
check(error_code(cloudwatch.describe_alarms, NextToken="not-a-token") == "InvalidNextToken", "bad NextToken")

# LocalEcs evaluates them: a period of 10 s is one second at the test's time scale 0.1.
deadline = time.time() + 20
states = {}
while time.time() < deadline:
    states = {a["AlarmName"]: a for a in cloudwatch.describe_alarms(AlarmNamePrefix=prefix)["MetricAlarms"]}
    if [states[n]["StateValue"] for n in (errors, healthy, missing, latency)] == ["ALARM", "OK", "INSUFFICIENT_DATA", "OK"]:
        break
    time.sleep(0.3)
check([states[n]["StateValue"] for n in (errors, healthy, missing, latency)] == ["ALARM", "OK", "INSUFFICIENT_DATA", "OK"],
      "states: " + json.dumps({n: (a["StateValue"], a["StateReason"]) for n, a in states.items()}))
check(states[errors]["StateReason"].startswith("Threshold Crossed: 1 datapoint [") and "was greater than the threshold (2.0)" in states[errors]["StateReason"], "ALARM reason")
check(json.loads(states[errors]["StateReasonData"])["statistic"] == "Sum", "reason data")
check(states[missing]["StateReason"] == "Insufficient Data: 1 datapoint was unknown.", "INSUFFICIENT_DATA reason")
check([a["AlarmName"] for a in cloudwatch.describe_alarms(AlarmNamePrefix=prefix, StateValue="ALARM")["MetricAlarms"]] == [errors], "StateValue filter")

# An update replaces the configuration (no description now; missing data keeps the state) and keeps the state.
alarm(errors, "group-a", missing="ignore")
updated = cloudwatch.describe_alarms(AlarmNames=[errors])["MetricAlarms"][0]
check(updated["TreatMissingData"] == "ignore" and updated["StateValue"] == "ALARM" and "AlarmDescription" not in updated, "update keeps the state")

check(error_code(cloudwatch.delete_alarms, AlarmNames=[latency, prefix + "-nope"]) == "ResourceNotFound", "delete of an unknown alarm")
check(len(cloudwatch.describe_alarms(AlarmNames=[latency])["MetricAlarms"]) == 1, "nothing deleted after ResourceNotFound")
cloudwatch.delete_alarms(AlarmNames=[latency])
check(cloudwatch.describe_alarms(AlarmNames=[latency])["MetricAlarms"] == [], "deleted")
print(json.dumps({"alarms": "ok", "reason": states[errors]["StateReason"]}))
