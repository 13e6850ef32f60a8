#!/usr/bin/env python3
"""Deployment benchmark on the local stack (LocalEcs): figures in bench/deploy/RESULTS.md.

    bench/deploy/bench.py [--trials N] [--time-scale S] [--only PARTS] [--json FILE]

Brings the local stack up through the build (./build.sh PushEcr --environment local: LocalUp, DockerBuild, push),
deploys the current build as the baseline, then measures on the local environment's service (autopr-local/autopr):

1. Completion -> exit: from the end of the ECS service deployment (its finishedAt, LocalEcs's clock, same host) to
   the exit of the tool (./build.sh DeployEcs, Verify skipped) and of the aws CLI doing
   register-task-definition + update-service + wait services-stable.
2. Failing signal -> rollback: for an error-rate spike and a latency degradation, from the first request (caught
   while the rollout runs) and from 30 s after the tasks start (caught in the bake window) (signal: the first failing
   response a user-traffic generator sees; rollback: the tool's "Rolling back" line), and for a crash loop (signal:
   the first stopped task's stoppedAt; rollback: ECS's circuit-breaker rollback start, and the tool's report of it).
3. API calls per deployment, counted by a logging proxy in front of LocalEcs: the tool (DeployEcs alone, the main
   job DeployEcs + Verify, a no-op redeploy) against the three aws CLI commands.
4. Judgement (--only judgement): with LocalEcs's AWS-like metrics (one-minute datapoints, published a minute late)
   and a steady user load through the listener where /version dominates, ROLLING and BLUE_GREEN releases that
   fail 50 % of requests on every route, add 3 s of latency, or fail 50 % on / only; for each, the first failing
   answer a user sees -> the tool's "Rolling back" line, the user requests that failed, and the outcome; then a
   good release deployed over a broken one (left running with --no-auto-rollback), which must complete.
5. Traffic shifts (--only traffic): the same users on the production listener, and bad releases (50 % errors on all
   routes, or on / only) under ROLLING, BLUE_GREEN, CANARY 10 % and LINEAR 25 % (services of their own, no test
   listener), and under CANARY 10 % with a test listener and smoke checks (plus a release failing the smoke check's
   path): first failing answer -> rollback start, users' failed requests, and rollback start -> the last answer of
   the bad revision.

Tool output lines are timestamped on arrival (the build's own log has second resolution). Loopback only.
"""
import argparse
import copy
import http.client
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
API = ("127.0.0.1", 4566)
LISTENER = "http://127.0.0.1:8080"
CLUSTER, SERVICE, FAMILY = "autopr-local", "autopr", "autopr-local"
LOCAL_AWS = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
             "AWS_EC2_METADATA_DISABLED": "true", "AWS_PAGER": ""}


def log(text):
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


# ---------------------------------------------------------------------------------------------------------------
# The tool, run as a user runs it; every output line gets its arrival time.

def child_env(extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "MSBuild", "GITHUB_"))}
    env.update({"NO_COLOR": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1"})
    env.update(extra or {})
    return env


class Run:
    def __init__(self, args, rc, lines, started, exited):
        self.args, self.rc, self.lines, self.started, self.exited = args, rc, lines, started, exited

    def first(self, text):
        return next((t for t, line in self.lines if text in line), None)

    def text(self):
        return "\n".join(line for _, line in self.lines)


def build(*args, root=None, check=True):
    argv = ["./build.sh", *args] + (["--root", str(root)] if root else [])
    started = time.time()
    process = subprocess.Popen(argv, cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines = []
    for line in process.stdout:
        lines.append((time.time(), line.rstrip("\n")))
    process.wait()
    run = Run(argv, process.returncode, lines, started, time.time())
    if check and run.rc != 0:
        sys.exit(f"{' '.join(argv)} failed with exit code {run.rc}:\n" + "\n".join(l for _, l in lines[-40:]))
    return run


def aws(*args, endpoint="http://127.0.0.1:4566"):
    out = subprocess.run(["aws", "--endpoint-url", endpoint, "--output", "json", *args], env=child_env(LOCAL_AWS),
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"aws {' '.join(args)} failed: {out.stderr}")
    return json.loads(out.stdout) if out.stdout.strip() else None


# ---------------------------------------------------------------------------------------------------------------
# ECS facts, straight from LocalEcs (not through the counting proxy).

def ecs(operation, body):
    connection = http.client.HTTPConnection(*API, timeout=10)
    connection.request("POST", "/", json.dumps(body), {
        "X-Amz-Target": f"AmazonEC2ContainerServiceV20141113.{operation}",
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Date": time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()),
        "Authorization": "AWS4-HMAC-SHA256 Credential=test/20200101/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=0"})
    response = connection.getresponse()
    data = json.loads(response.read() or b"{}")
    if response.status != 200:
        sys.exit(f"{operation} failed: {data}")
    return data


def service():
    return ecs("DescribeServices", {"cluster": CLUSTER, "services": [SERVICE]})["services"][0]


def newest_service_deployment():
    arns = ecs("ListServiceDeployments", {"cluster": CLUSTER, "service": SERVICE})["serviceDeployments"]
    newest = max(arns, key=lambda d: d.get("createdAt", 0))
    return ecs("DescribeServiceDeployments", {"serviceDeploymentArns": [newest["serviceDeploymentArn"]]})["serviceDeployments"][0]


def stopped_tasks_of(task_definition):
    arns, token = [], None
    while True:
        page = ecs("ListTasks", {"cluster": CLUSTER, "serviceName": SERVICE, "desiredStatus": "STOPPED", **({"nextToken": token} if token else {})})
        arns += page.get("taskArns", [])
        token = page.get("nextToken")
        if not token:
            break
    tasks = []
    for i in range(0, len(arns), 100):
        tasks += ecs("DescribeTasks", {"cluster": CLUSTER, "tasks": arns[i:i + 100]})["tasks"]
    return [t for t in tasks if t["taskDefinitionArn"] == task_definition and "stoppedAt" in t]


# ---------------------------------------------------------------------------------------------------------------
# A logging proxy in front of LocalEcs: counts AWS operations (X-Amz-Target), other requests by method and path.

class CountingProxy:
    def __init__(self):
        self.counts, self.lock = Counter(), threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
                target = self.headers.get("X-Amz-Target")
                with proxy.lock:
                    proxy.counts[target.split(".")[-1] if target else f"{self.command} {self.path}"] += 1
                upstream = http.client.HTTPConnection(*API, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                upstream.request(self.command, self.path, body or None, headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = do_GET = forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def take(self):
        with self.lock:
            counts, self.counts = self.counts, Counter()
        return counts


def scratch_root(prefix, edit_local):
    """A scratch build root (./build.sh --root): the build inputs and this checkout's image and push records, with
    local.json changed by `edit_local` (it gets the parsed file)."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    shutil.copytree(ROOT / "deploy", root / "deploy")
    (root / ".nuke").mkdir()
    shutil.copy(ROOT / ".nuke" / "parameters.json", root / ".nuke")
    (root / "artifacts" / "docker").mkdir(parents=True)
    for record in ("image.json", "push-local.json"):
        shutil.copy(ROOT / "artifacts" / "docker" / record, root / "artifacts" / "docker")
    path = root / "deploy" / "environments" / "local.json"
    environment = json.loads(path.read_text())
    edit_local(environment)
    path.write_text(json.dumps(environment, indent=2))
    return root


def root_through(proxy):
    """A scratch build root whose local environment reaches LocalEcs through the proxy."""
    def through_proxy(environment):
        for name in ("ecs", "ecr", "cloudwatch"):
            environment["aws"]["endpoints"][name] = proxy.url
    return scratch_root("autopr-bench-", through_proxy)


# ---------------------------------------------------------------------------------------------------------------
# User traffic on the listener: the first failing response is the failing signal.

class Traffic:
    """Four users, each sending GET / every 100 ms; remembers when responses failed (500) or became too slow."""

    def __init__(self, latency_threshold_ms=2000):
        self.threshold = latency_threshold_ms / 1000
        self.errors, self.slow, self.lock = [], [], threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.loop, daemon=True) for _ in range(4)]
        for thread in self.threads:
            thread.start()

    def loop(self):
        while not self.stop.is_set():
            started = time.time()
            try:
                with urllib.request.urlopen(LISTENER + "/", timeout=10) as answer:
                    answer.read()
            except urllib.error.HTTPError as error:
                if error.code == 500 and "fault injected" in error.read().decode(errors="replace"):
                    with self.lock:
                        self.errors.append(time.time())
            except OSError:
                pass
            if time.time() - started > self.threshold:
                with self.lock:
                    self.slow.append(started + self.threshold)  # the moment this request became too slow
            self.stop.wait(0.1)

    def first(self, kind, after=0.0):
        with self.lock:
            return min((t for t in getattr(self, kind) if t >= after), default=None)

    def close(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(15)


class Users:
    """Steady users on a mix of routes (route, weight): `threads` users, each sending one request every `interval`
    seconds; counts answers per route and remembers when responses failed (5xx, no answer) or became too slow."""

    def __init__(self, listener, mix, threads=10, interval=0.1, latency_threshold_ms=2000):
        self.listener, self.interval, self.threshold = listener, interval, latency_threshold_ms / 1000
        self.routes = [route for route, weight in mix for _ in range(weight)]
        self.errors, self.slow, self.answers, self.lock = [], [], Counter(), threading.Lock()
        self.revisions, self.last_answer = Counter(), {}  # answers and the last answer's time, per X-AutoPR-Revision
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.loop, args=(i,), daemon=True) for i in range(threads)]
        for thread in self.threads:
            thread.start()

    def loop(self, offset):
        i = offset
        while not self.stop.is_set():
            route = self.routes[i % len(self.routes)]
            i += len(self.threads)
            started, status, revision = time.time(), 0, ""
            try:
                with urllib.request.urlopen(self.listener + route, timeout=10) as answer:
                    answer.read()
                    status, revision = answer.status, revision_of(answer.headers)
            except urllib.error.HTTPError as error:
                status, revision = error.code, revision_of(error.headers)
            except OSError:
                pass
            elapsed = time.time() - started
            with self.lock:
                self.answers[(route, status)] += 1
                self.revisions[revision] += 1
                self.last_answer[revision] = time.time()
                if status == 0 or status >= 500:
                    self.errors.append(time.time())
                if elapsed > self.threshold:
                    self.slow.append(started + self.threshold)  # the moment this request became too slow
            self.stop.wait(max(0.0, self.interval - elapsed))

    def first(self, kind):
        with self.lock:
            return min(getattr(self, kind), default=None)

    def failed(self):
        with self.lock:
            return len(self.errors) + len(self.slow), sum(self.answers.values())

    def last_from_other_than(self, revision):
        """When a revision other than `revision` last answered (None: never)."""
        with self.lock:
            return max((t for r, t in self.last_answer.items() if r and r != revision), default=None)

    def close(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(15)


def revision_of(headers):
    """The task definition ("autopr-local:7") an answer's X-AutoPR-Revision header names, or "" for none."""
    value = (headers or {}).get("X-AutoPR-Revision") or ""
    return value.split(";")[0].replace("task-definition=", "").strip()


# ---------------------------------------------------------------------------------------------------------------

def deploy_args(*extra, verify=True, bake="2s"):
    skip = ["--skip", "DockerBuild", "PushEcr", "LocalUp"] + ([] if verify else ["Verify"])
    return ["DeployEcs", "--environment", "local", *skip, "--bake-window", bake, *extra]


def restore():
    build(*deploy_args())


def healthy():
    """The listener answers /health with 200: the restarted tasks are healthy targets again."""
    try:
        with urllib.request.urlopen(LISTENER + "/health", timeout=5) as answer:
            return answer.status == 200
    except OSError:
        return False


def wait_until_settled(timeout=300):
    """After a restart LocalEcs resumes what was rolling out and starts the tasks again: deploy once that is over
    and they are healthy targets (Verify fails at once on a listener with no healthy target)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        current = service()
        deployments = current["deployments"]
        if len(deployments) == 1 and deployments[0].get("rolloutState") == "COMPLETED" and current["runningCount"] == current["desiredCount"] and healthy():
            return
        time.sleep(1)
    sys.exit(f"{CLUSTER}/{SERVICE} did not settle within {timeout} s")


def completion_to_exit(trials, proxy, root):
    tool, cli, detect = [], [], []
    for trial in range(trials):
        proxy.take()
        run = build(*deploy_args("--container-env", f"AUTOPR_BENCH_TRIAL=tool-{time.time_ns()}", verify=False), root=root)
        calls = proxy.take()
        finished = newest_service_deployment()["finishedAt"]
        tool.append(run.exited - finished)
        detect.append(run.first("rollout succeeded") - finished)
        log(f"tool trial {trial + 1}: ECS finished, tool saw it {detect[-1]:+.3f} s, exited {tool[-1]:+.3f} s later; {sum(calls.values())} calls {dict(calls)}")

        current = ecs("DescribeTaskDefinition", {"taskDefinition": service()["taskDefinition"]})["taskDefinition"]
        definition = {k: current[k] for k in ("family", "containerDefinitions", "networkMode", "requiresCompatibilities", "cpu", "memory",
                                               "taskRoleArn", "executionRoleArn") if k in current}
        definition["containerDefinitions"] = copy.deepcopy(definition["containerDefinitions"])
        definition["containerDefinitions"][0].setdefault("environment", []).append({"name": "AUTOPR_BENCH_TRIAL", "value": f"cli-{time.time_ns()}"})
        spec = Path(root) / "task-definition.json"
        spec.write_text(json.dumps(definition))
        proxy.take()
        arn = aws("ecs", "register-task-definition", "--cli-input-json", f"file://{spec}", endpoint=proxy.url)["taskDefinition"]["taskDefinitionArn"]
        aws("ecs", "update-service", "--cluster", CLUSTER, "--service", SERVICE, "--task-definition", arn, endpoint=proxy.url)
        subprocess.run(["aws", "--endpoint-url", proxy.url, "ecs", "wait", "services-stable", "--cluster", CLUSTER, "--services", SERVICE],
                       env=child_env(LOCAL_AWS), check=True)
        exited = time.time()
        calls = proxy.take()
        finished = newest_service_deployment()["finishedAt"]
        cli.append(exited - finished)
        log(f"cli trial {trial + 1}: ECS finished, waiter exited {cli[-1]:+.3f} s later; {sum(calls.values())} calls {dict(calls)}")
        restore()
    return {"tool_exit_s": tool, "tool_detect_s": detect, "cli_exit_s": cli}


def api_calls(proxy, root):
    result = {}
    restore()
    proxy.take()
    build(*deploy_args("--container-env", f"AUTOPR_BENCH_TRIAL=calls-{time.time_ns()}", verify=False), root=root)
    result["tool: DeployEcs (new revision, rollout watched to its end)"] = proxy.take()
    restore()
    proxy.take()
    # LocalUp stays out: behind the proxy the LocalEcs belongs to the repository, not to this copy, and LocalUp
    # refuses another checkout's LocalEcs (it made CreateCluster 1 + LocalEcs health 1 when it ran here).
    build("DeployEcs", "--environment", "local", "--skip", "DockerBuild", "LocalUp", "--bake-window", "20s",
          "--container-env", f"AUTOPR_BENCH_TRIAL=calls-{time.time_ns()}", root=root)
    result["tool: main job without LocalUp: PushEcr + DeployEcs + Verify (20 s bake)"] = proxy.take()
    build("DeployEcs", "--environment", "local", "--skip", "DockerBuild", "LocalUp", "--bake-window", "20s", root=root)
    proxy.take()
    build("DeployEcs", "--environment", "local", "--skip", "DockerBuild", "LocalUp", "Verify", root=root)
    result["tool: no-op redeploy without LocalUp (PushEcr, DeployEcs)"] = proxy.take()
    for name, counts in result.items():
        log(f"{name}: {sum(counts.values())} calls {dict(counts)}")
    return {k: dict(v) for k, v in result.items()}


def reaction(trials):
    """Bad releases, from the first failing response a user sees to the tool's "Rolling back" line. Faults from the
    first request are caught while the rollout runs; faults from 30 s after the tasks start (a release that degrades
    while serving) after it, in Verify's bake window."""
    results = {}
    scenarios = [
        ("error rate 0.5 from the first request", ["AUTOPR_FAULT_ERROR_RATE=0.5"], "errors"),
        ("latency +3000 ms from the first request", ["AUTOPR_FAULT_LATENCY_MS=3000"], "slow"),
        ("error rate 0.5 from 30 s after start", ["AUTOPR_FAULT_ERROR_RATE=0.5", "AUTOPR_FAULT_AFTER_SECONDS=30"], "errors"),
        ("latency +3000 ms from 30 s after start", ["AUTOPR_FAULT_LATENCY_MS=3000", "AUTOPR_FAULT_AFTER_SECONDS=30"], "slow"),
    ]
    for name, variables, kind in scenarios:
        reactions = []
        for trial in range(trials):
            traffic = Traffic()
            run = build(*deploy_args("--container-env", *variables, f"AUTOPR_BENCH_TRIAL={time.time_ns()}", bake="60s"), check=False)
            traffic.close()
            start, first = run.first("Rolling back: "), traffic.first(kind)
            if run.rc == 0 or None in (start, first):
                sys.exit(f"{name}: expected a failure and a rollback (exit {run.rc}):\n{run.text()[-3000:]}")
            completed = run.first("rollout succeeded")
            caught = "in the bake window" if completed is not None and completed < start else "during the rollout"
            reactions.append(start - first)
            log(f"{name} trial {trial + 1}: first failing response -> 'Rolling back' {reactions[-1]:.3f} s, caught {caught}")
            restore()
        results[f"{name}: first failing response -> rollback starts"] = reactions

    crash_ecs, crash_tool = [], []
    for trial in range(trials):
        run = build(*deploy_args("--container-env", "AUTOPR_FAULT_CRASH_ON_START=0", f"AUTOPR_BENCH_TRIAL={time.time_ns()}"), check=False)
        deployment = newest_service_deployment()
        failed_revision = next(line for _, line in run.lines if "registered task definition" in line).split()[-1]
        stopped = stopped_tasks_of(f"arn:aws:ecs:us-east-1:000000000000:task-definition/{failed_revision}")
        first_stop = min(t["stoppedAt"] for t in stopped)
        ecs_rollback = deployment["rollback"]["startedAt"]
        reported = run.first("ECS is rolling back")
        crash_ecs.append(ecs_rollback - first_stop)
        crash_tool.append(reported - first_stop)
        log(f"crash trial {trial + 1}: first task stopped -> ECS rollback {crash_ecs[-1]:.3f} s, tool reports it {crash_tool[-1]:.3f} s; exit {run.rc}")
        restore()
    results["crash loop: first stop -> ECS circuit-breaker rollback"] = crash_ecs
    results["crash loop: first stop -> tool reports the rollback"] = crash_tool
    return results


BLUE_GREEN_SERVICE = "autopr-bench-bluegreen"


def blue_green_root():
    """A scratch build root whose local environment is a blue/green service of its own (ECS keeps a service's
    strategy settings, so the rolling service stays as it is), on the listener LocalEcs gives the next service."""
    services = local_services()
    mine = next((s.get("listener") for s in services if s.get("service") == BLUE_GREEN_SERVICE), None)
    taken = {s.get("listener") for s in services}
    port = 8081
    while mine is None and f"http://127.0.0.1:{port}" in taken:
        port += 1
    listener = (mine or f"http://127.0.0.1:{port}").rstrip("/")
    group = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr-bench-bg-{}/0123456789abcdef"

    def blue_green(environment):
        environment["service"] = BLUE_GREEN_SERVICE
        environment["deployment"]["strategy"] = "BLUE_GREEN"
        # Blue stays up for a minute after the traffic shift: the window in which a rollback is a switch back. With no
        # bake time the blue tasks stop at once, and a rollback waits for new ones (503s meanwhile), as on AWS.
        environment["deployment"]["bakeTimeMinutes"] = 1
        environment["loadBalancer"].update({
            "targetGroupArn": group.format("blue"), "alternateTargetGroupArn": group.format("green"),
            "productionListenerRuleArn": "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/autopr-bench-bg/0123456789abcdef/0123456789abcdef/0123456789abcdef",
            "roleArn": "arn:aws:iam::000000000000:role/autopr-bench-bg-ecs-infrastructure", "listenerUrl": listener})
        environment["healthUrl"] = listener + "/health"
    return scratch_root("autopr-bench-bg-", blue_green), listener


def local_services():
    """LocalEcs's view of its services (the admin status endpoint), with their listeners."""
    with urllib.request.urlopen(f"http://{API[0]}:{API[1]}/_localecs/status", timeout=10) as answer:
        return json.loads(answer.read()).get("services", [])


def judgement(trials, strategies):
    """Each revision judged on its own answers: bad releases under a load where other routes dominate, and a good
    release over a broken one, for ROLLING and BLUE_GREEN, with AWS-like metrics."""
    mix = [("/version", 16), ("/api/instance", 2), ("/", 2)]  # 100 requests/s; / is a tenth of them
    bad = [
        ("50 % errors on all routes", ["AUTOPR_FAULT_ERROR_RATE=0.5"], "errors"),
        ("+3 s latency", ["AUTOPR_FAULT_LATENCY_MS=3000"], "slow"),
        ("50 % errors on / only", ["AUTOPR_FAULT_ERROR_RATE=0.5", "AUTOPR_FAULT_ROUTES=/"], "errors"),
    ]
    rows = []
    bg_root, bg_listener = blue_green_root()
    try:
        for strategy, root, listener in (("ROLLING", None, LISTENER), ("BLUE_GREEN", bg_root, bg_listener)):
            if strategy not in strategies:
                continue
            build(*deploy_args(), root=root)
            for name, variables, kind in bad:
                for trial in range(trials):
                    users = Users(listener, mix)
                    run = build(*deploy_args("--container-env", *variables, f"AUTOPR_BENCH_TRIAL={time.time_ns()}", bake="30s"), root=root, check=False)
                    users.close()
                    start, first = run.first("Rolling back: "), users.first(kind)
                    failed, total = users.failed()
                    rolled_back = run.rc != 0 and "rolled back to" in run.text()
                    reaction = None if None in (start, first) else start - first
                    cause = next((line.strip() for _, line in run.lines if "failed while rolling out" in line or "FAIL " in line), "")
                    rows.append({"strategy": strategy, "release": name, "trial": trial + 1, "exit": run.rc, "rolled_back": rolled_back,
                                 "reaction_s": reaction, "failed_user_requests": failed, "user_requests": total, "cause": cause[:300]})
                    log(f"{strategy} {name} trial {trial + 1}: exit {run.rc}, rolled back {rolled_back}, first failing answer -> rollback "
                        f"{'-' if reaction is None else f'{reaction:.2f} s'}, users failed {failed} of {total}; {cause[:200]}")
                    build(*deploy_args(), root=root)
            for trial in range(trials):
                broken = build(*deploy_args("--no-auto-rollback", "--container-env", "AUTOPR_FAULT_ERROR_RATE=0.5", "AUTOPR_FAULT_ROUTES=/",
                                            f"AUTOPR_BENCH_TRIAL={time.time_ns()}"), root=root, check=False)
                users = Users(listener, mix)
                good = build(*deploy_args("--container-env", f"AUTOPR_BENCH_TRIAL={time.time_ns()}", bake="30s"), root=root, check=False)
                users.close()
                failed, total = users.failed()
                rows.append({"strategy": strategy, "release": "good over broken", "trial": trial + 1, "exit": good.rc, "broken_exit": broken.rc,
                             "completed": good.rc == 0, "failed_user_requests": failed, "user_requests": total})
                log(f"{strategy} good over broken trial {trial + 1}: broken left running (exit {broken.rc}), good release exit {good.rc}; "
                    f"users failed {failed} of {total} (the broken release's, until it was replaced)")
                build(*deploy_args(), root=root)
    finally:
        shutil.rmtree(bg_root, ignore_errors=True)
    return rows


def shifting_root(name, port, edit, test_listener=False):
    """A scratch build root whose local environment is a traffic-shifting service of its own (its own cluster, so
    its settings and revisions stay apart), on the listener (and test listener) it asks LocalEcs for."""
    listener, test = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port + 1000}"
    elb = "arn:aws:elasticloadbalancing:us-east-1:000000000000:"

    def shifting(environment):
        environment["service"] = f"autopr-bench-{name}"
        environment["deployment"]["bakeTimeMinutes"] = 1  # blue stays up a minute after the shift, as a rollback window
        environment["loadBalancer"].update({
            # Target groups of its own: a service registering in another's would serve that one's users too.
            "targetGroupArn": f"{elb}targetgroup/autopr-bench-shift-{name}-blue/0123456789abcdef",
            "alternateTargetGroupArn": f"{elb}targetgroup/autopr-bench-shift-{name}-green/0123456789abcdef",
            "productionListenerRuleArn": f"{elb}listener-rule/app/autopr-bench-{name}/0123456789abcdef/0123456789abcdef/0000000000000001",
            "roleArn": "arn:aws:iam::000000000000:role/autopr-bench-ecs-infrastructure", "listenerUrl": listener})
        if test_listener:
            environment["loadBalancer"].update({
                "testListenerRuleArn": f"{elb}listener-rule/app/autopr-bench-{name}/0123456789abcdef/0123456789abcdef/0000000000000002",
                "testListenerUrl": test})
            environment["verification"]["smokeChecks"] = {"requests": [{"path": "/api/instance", "bodyContains": "\"taskDefinition\""}]}
        environment["healthUrl"] = listener + "/health"
        edit(environment)
    return scratch_root(f"autopr-bench-{name}-", shifting), listener


def traffic_shift(trials):
    """Bad releases under each strategy with AWS-like metrics and users on the production listener: (a) first failing
    answer -> rollback start, (b) user requests that failed, (c) rollback start -> the last answer of the bad revision
    (all traffic back on the old one); plus a CANARY release that fails the smoke checks on the test listener."""
    mix = [("/version", 16), ("/api/instance", 2), ("/", 2)]  # 100 requests/s; / is a tenth of them
    bad = [
        ("50 % errors on all routes", ["AUTOPR_FAULT_ERROR_RATE=0.5"]),
        ("50 % errors on / only", ["AUTOPR_FAULT_ERROR_RATE=0.5", "AUTOPR_FAULT_ROUTES=/"]),
    ]

    def canary(environment):
        environment["deployment"].update({"strategy": "CANARY", "canary": {"percent": 10, "bakeTimeMinutes": 2}})

    def linear(environment):
        environment["deployment"].update({"strategy": "LINEAR", "linear": {"stepPercent": 25, "stepBakeTimeMinutes": 1}})

    def blue_green(environment):
        environment["deployment"]["strategy"] = "BLUE_GREEN"

    roots = {
        "ROLLING": (None, LISTENER, bad),
        "BLUE_GREEN": (*shifting_root("bg", 8181, blue_green), bad),
        "CANARY 10 %": (*shifting_root("canary", 8182, canary), bad),
        "LINEAR 25 %": (*shifting_root("linear", 8183, linear), bad),
        "CANARY 10 %, test listener": (*shifting_root("smoke", 8184, canary, test_listener=True),
                                        [("fails the smoke checks (/api/instance 500)", ["AUTOPR_FAULT_ERROR_RATE=1", "AUTOPR_FAULT_ROUTES=/api/instance"])] + bad),
    }
    rows = []
    try:
        for strategy, (root, listener, releases) in roots.items():
            build(*deploy_args(), root=root)
            for name, variables in releases:
                for trial in range(trials):
                    old = revision_of({"X-AutoPR-Revision": urllib.request.urlopen(listener + "/version", timeout=10).headers.get("X-AutoPR-Revision")})
                    users = Users(listener, mix)
                    run = build(*deploy_args("--container-env", *variables, f"AUTOPR_BENCH_TRIAL={time.time_ns()}", bake="30s"), root=root, check=False)
                    time.sleep(1)  # answers in flight at the end still count
                    users.close()
                    start, first, last_bad = run.first("Rolling back: "), users.first("errors"), users.last_from_other_than(old)
                    failed, total = users.failed()
                    rolled_back = run.rc != 0 and "rolled back to" in run.text()
                    cause = next((line.strip() for _, line in run.lines if "Target DeployEcs failed" in line), "")
                    row = {"strategy": strategy, "release": name, "trial": trial + 1, "exit": run.rc, "rolled_back": rolled_back,
                           "reaction_s": None if None in (start, first) else start - first,
                           "exposure_s": None if None in (first, last_bad) else max(0.0, last_bad - first),
                           "back_s": None if start is None else max(0.0, (last_bad or start) - start),
                           "failed_user_requests": failed, "user_requests": total,
                           "bad_revision_answers": sum(n for r, n in users.revisions.items() if r and r != old), "cause": cause[:300]}
                    rows.append(row)
                    log(f"{strategy} {name} trial {trial + 1}: exit {run.rc}, rolled back {rolled_back}, (a) {fmt(row['reaction_s'])}, "
                        f"(b) users failed {failed} of {total}, (c) {fmt(row['back_s'])}, bad revision answered {row['bad_revision_answers']}, "
                        f"exposure {fmt(row['exposure_s'])}; {cause[:200]}")
                    if not rolled_back:
                        build(*deploy_args(), root=root)  # a rolled-back release left the good one running
    finally:
        for root, _, _ in roots.values():
            if root:
                shutil.rmtree(root, ignore_errors=True)
    return rows


def fmt(seconds):
    return "-" if seconds is None else f"{seconds:.2f} s"


def summary(values):
    return f"median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f}, n={len(values)})"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--time-scale", default="1", help="LocalEcs --time-scale when LocalUp starts it (default 1: AWS timings)")
    parser.add_argument("--json", help="write the raw figures here")
    parser.add_argument("--only", default="completion,calls,reaction,judgement,traffic", help="comma-separated parts to run (default: all)")
    parser.add_argument("--strategies", default="ROLLING,BLUE_GREEN", help="judgement: the strategies to run (default: both)")
    parser.add_argument("--local-metrics", default="aws", help="LocalEcs metrics when LocalUp starts it: aws (default) or immediate")
    options = parser.parse_args()

    log("local stack and image (./build.sh PushEcr --environment local)")
    build("PushEcr", "--environment", "local", "--local-time-scale", options.time_scale, "--local-metrics", options.local_metrics)
    wait_until_settled()
    restore()
    proxy = CountingProxy()
    root = root_through(proxy)
    try:
        parts = options.only.split(",")
        figures = {
            "completion": completion_to_exit(options.trials, proxy, root) if "completion" in parts else None,
            "calls": api_calls(proxy, root) if "calls" in parts else None,
            "reaction": reaction(options.trials) if "reaction" in parts else None,
            "judgement": judgement(options.trials, options.strategies.split(",")) if "judgement" in parts else None,
            "traffic": traffic_shift(options.trials) if "traffic" in parts else None,
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)
        restore()

    if figures["completion"]:
        print("\n== 1. ECS deployment finished -> exit")
        print(f"  tool sees it          {summary(figures['completion']['tool_detect_s'])}")
        print(f"  tool exits            {summary(figures['completion']['tool_exit_s'])}")
        print(f"  aws ecs wait exits    {summary(figures['completion']['cli_exit_s'])}")
    if figures["reaction"]:
        print("\n== 2. first failing signal -> rollback")
        for name, values in figures["reaction"].items():
            print(f"  {name:55} {summary(values)}")
    if figures["judgement"]:
        print("\n== 4. judgement (AWS-like metrics; users: 100 requests/s, /version 80 %, /api/instance 10 %, / 10 %)")
        groups = {}
        for row in figures["judgement"]:
            groups.setdefault((row["strategy"], row["release"]), []).append(row)
        for (strategy, release), rows in groups.items():
            reactions = [r["reaction_s"] for r in rows if r.get("reaction_s") is not None]
            outcome = (f"completed {sum(r['completed'] for r in rows)}/{len(rows)}" if release == "good over broken"
                       else f"rolled back {sum(r['rolled_back'] for r in rows)}/{len(rows)}")
            failed = [f"{r['failed_user_requests']}/{r['user_requests']}" for r in rows]
            print(f"  {strategy:10} {release:26} {outcome:16} reaction {summary(reactions) if reactions else '-':45} users failed {', '.join(failed)}")
    if figures["traffic"]:
        print("\n== 5. traffic shifts (AWS-like metrics; users: 100 requests/s on the production listener, /version 80 %, /api/instance 10 %, / 10 %)")
        print(f"  {'strategy':28} {'release':44} {'outcome':16} {'(a) failing -> rollback':26} {'(b) users failed':18} {'(c) rollback -> all on old':28} bad revision answered")
        groups = {}
        for row in figures["traffic"]:
            groups.setdefault((row["strategy"], row["release"]), []).append(row)
        for (strategy, release), rows in groups.items():
            def med(key):
                values = [r[key] for r in rows if r.get(key) is not None]
                return f"{statistics.median(values):.2f} s (max {max(values):.2f})" if values else "-"
            outcome = f"rolled back {sum(r['rolled_back'] for r in rows)}/{len(rows)}"
            failed = ", ".join(f"{r['failed_user_requests']}/{r['user_requests']}" for r in rows)
            answered = ", ".join(str(r["bad_revision_answers"]) for r in rows)
            print(f"  {strategy:28} {release:44} {outcome:16} {med('reaction_s'):26} {failed:18} {med('back_s'):28} {answered}")
    if figures["calls"]:
        print("\n== 3. API calls")
        for name, counts in figures["calls"].items():
            print(f"  {name}: {sum(counts.values())} {counts}")
    if options.json:
        Path(options.json).write_text(json.dumps(figures, indent=2, default=str))


if __name__ == "__main__":
    main()
