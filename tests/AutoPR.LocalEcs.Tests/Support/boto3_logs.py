"""Drives LocalEcs's CloudWatch Logs reads (FilterLogEvents, DescribeLogStreams) with boto3 over streams the test
seeded (see Api/LogsReadTests.cs). Usage: boto3_logs.py ENDPOINT GROUP BASE_MS. Prints one JSON line; exits
non-zero on the first failed check."""
import json
import sys

import boto3
import botocore.config
from boto3_checks import check, error_code

endpoint, group, base = sys.argv[1], sys.argv[2], int(sys.argv[3])
config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
logs = boto3.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1").client("logs", endpoint_url=endpoint, config=config)
A, B, C = "ecs/autopr/task-a", "ecs/autopr/task-b", "other/x/task-c"


def messages(**kwargs):
    return [e["message"] for e in logs.filter_log_events(logGroupName=group, **kwargs)["events"]]


everything = logs.filter_log_events(logGroupName=group)
events = everything["events"]
check(len(events) == 36 and "nextToken" not in everything, f"36 events on one page without nextToken: {len(events)}")
check([e["timestamp"] for e in events] == sorted(e["timestamp"] for e in events), "time order across streams")
check(all(set(e) >= {"logStreamName", "timestamp", "message", "ingestionTime", "eventId"} for e in events), "event members")
check(len({e["eventId"] for e in events}) == 36, "eventIds unique")
check(events[0]["logStreamName"] == A and events[0]["message"] == "a line 0" and events[0]["timestamp"] == base, "first event")

paged, token, pages = [], None, 0
while True:
    page = logs.filter_log_events(logGroupName=group, limit=7, **({"nextToken": token} if token else {}))
    paged += page["events"]
    pages += 1
    check(len(page["events"]) <= 7, "limit 7")
    token = page.get("nextToken")
    if not token:
        break
check(pages == 6 and [e["eventId"] for e in paged] == [e["eventId"] for e in events], f"7 a page: 6 pages, the same events ({pages})")
by_paginator = [e["eventId"] for p in logs.get_paginator("filter_log_events").paginate(logGroupName=group, PaginationConfig={"PageSize": 10}) for e in p["events"]]
check(by_paginator == [e["eventId"] for e in events], "boto3's paginator")

check(messages(filterPattern="ERROR") == ["b ERROR disk full", "a ERROR database unreachable"], f"term: {messages(filterPattern='ERROR')}")
check(messages(filterPattern='"ERROR database"') == ["a ERROR database unreachable"], "quoted phrase")
check(messages(filterPattern="ERROR -disk") == ["a ERROR database unreachable"], "exclusion")
check(messages(filterPattern="?disk ?database") == ["b ERROR disk full", "a ERROR database unreachable"], "alternatives")
check(messages(filterPattern="error") == [], "case-sensitive")
check(len(messages(filterPattern='"a line 1"')) == 11, "phrase a line 1: 1 and 10..19")
check(messages(filterPattern="") == [e["message"] for e in events], "empty pattern matches all")

check(len(messages(logStreamNames=[B])) == 10, "logStreamNames")
check(len(messages(logStreamNames=[A, C])) == 26, "two logStreamNames")
check(len(messages(logStreamNamePrefix="ecs/")) == 35, "logStreamNamePrefix")
check(messages(logStreamNamePrefix="other/") == ["c only"], "other prefix")
window = messages(startTime=base + 2000, endTime=base + 4000)
check(window == ["a line 2", "b line 2", "a line 3", "b ERROR disk full", "a line 4"], f"startTime and endTime inclusive: {window}")

check(error_code(logs.filter_log_events, logGroupName="/ecs/absent") == "ResourceNotFoundException", "unknown group")
check(error_code(logs.filter_log_events, logGroupName=group, logStreamNames=[A], logStreamNamePrefix="ecs/") == "InvalidParameterException", "names and prefix")
check(error_code(logs.filter_log_events, logGroupName=group, filterPattern='{ $.level = "ERROR" }') == "InvalidParameterException", "JSON pattern refused")
check(error_code(logs.filter_log_events, logGroupName=group, filterPattern='"open') == "InvalidParameterException", "unclosed phrase")
check(error_code(logs.filter_log_events, logGroupName=group, nextToken="not-a-token") == "InvalidParameterException", "bad token")

names, token = [], None
while True:
    page = logs.describe_log_streams(logGroupName=group, limit=1, **({"nextToken": token} if token else {}))
    check(len(page["logStreams"]) == 1, "one stream a page")
    names += [s["logStreamName"] for s in page["logStreams"]]
    token = page.get("nextToken")
    if not token:
        break
check(names == [A, B, C], f"DescribeLogStreams pages in name order: {names}")
check([s["logStreamName"] for p in logs.get_paginator("describe_log_streams").paginate(logGroupName=group, logStreamNamePrefix="ecs/", PaginationConfig={"PageSize": 1}) for s in p["logStreams"]] == [A, B], "paginator with prefix")
check(error_code(logs.describe_log_streams, logGroupName="/ecs/absent") == "ResourceNotFoundException", "describe unknown group")
print(json.dumps({"operations": "ok", "events": len(events), "pages": pages}))
