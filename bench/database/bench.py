#!/usr/bin/env python3
"""Database benchmark on the local stack: what Migrate adds to a deployment, and how long RunTask takes.

    bench/database/bench.py [--trials N] [--json FILE]

Runs on the main job's stack (./build.sh ... --environment local; LocalUp brings it up when it is down):

1. RunTask --command "migrate --plan", N times: the build's wall time (process start -> exit) and the task's own
   RunTask -> STOPPED, as the tool reports it ("exited 0 after X s").
2. DeployEcs of a new revision per trial (--container-env AUTOPR_BENCH_TRIAL=<n>; Verify skipped): the time from the
   registered revision to "updated service" (the pg_dump backup, then the migrate one-off task), its parts, and the
   whole DeployEcs target.

Tool output lines are timestamped on arrival (the build's own log has second resolution). Loopback only.
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(arguments):
    """Runs ./build.sh, returns (exit code, wall seconds, [(seconds since start, line)])."""
    started = time.monotonic()
    process = subprocess.Popen(["./build.sh", *arguments], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in process.stdout:
        lines.append((time.monotonic() - started, line.rstrip("\n")))
    process.wait()
    return process.returncode, time.monotonic() - started, lines


def first(lines, pattern):
    regex = re.compile(pattern)
    for at, line in lines:
        match = regex.search(line)
        if match:
            return at, match
    return None, None


def runtask(trials):
    results = []
    for _ in range(trials):
        code, wall, lines = run(["RunTask", "--environment", "local", "--command", "migrate --plan"])
        _, exited = first(lines, r"exited (\d+) after ([0-9.]+) s")
        if code != 0 or exited is None:
            sys.exit("RunTask failed:\n" + "\n".join(line for _, line in lines[-30:]))
        results.append({"wall_s": round(wall, 2), "task_s": float(exited.group(2))})
    return results


def deploys(trials):
    results = []
    for trial in range(trials):
        code, wall, lines = run(["DeployEcs", "--environment", "local", "--skip", "Verify",
                                 "--container-env", f"AUTOPR_BENCH_TRIAL={int(time.time())}-{trial}"])
        registered, _ = first(lines, r"registered task definition")
        backup_line, backup = first(lines, r"backup: pg_dump .*\(([0-9.]+) KiB, ([0-9.]+) s")
        _, exited = first(lines, r"migrate: one-off task .* exited 0 after ([0-9.]+) s")
        updated, _ = first(lines, r"updated service")
        _, deploy = first(lines, r"DeployEcs\s+Succeeded\s+([0-9:.]+)s?")
        if code != 0 or None in (registered, backup, exited, updated):
            sys.exit("DeployEcs failed or printed no migration:\n" + "\n".join(line for _, line in lines[-40:]))
        results.append({
            "registered_to_updated_s": round(updated - registered, 2),
            "backup_s": float(backup.group(2)),
            "migrate_task_s": float(exited.group(1)),
            "deploy_target": deploy.group(1) if deploy else None,
            "wall_s": round(wall, 2),
        })
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--json")
    options = parser.parse_args()
    code, _, lines = run(["LocalUp"])
    if code != 0:
        sys.exit("LocalUp failed:\n" + "\n".join(line for _, line in lines[-30:]))
    report = {"runtask": runtask(options.trials), "deploy": deploys(options.trials)}
    median = lambda rows, key: round(statistics.median(row[key] for row in rows), 2)
    report["summary"] = {
        "runtask_wall_median_s": median(report["runtask"], "wall_s"),
        "runtask_task_median_s": median(report["runtask"], "task_s"),
        "migrate_adds_median_s": median(report["deploy"], "registered_to_updated_s"),
        "backup_median_s": median(report["deploy"], "backup_s"),
        "migrate_task_median_s": median(report["deploy"], "migrate_task_s"),
    }
    text = json.dumps(report, indent=2)
    print(text)
    if options.json:
        Path(options.json).write_text(text + "\n")


if __name__ == "__main__":
    main()
