#!/usr/bin/env bash
# DockerBuild + push, cold and warm (no changes), through AutoPR.Deployment (the DockerBench
# harness, calling the library as the build targets will) side by side with the docker CLI doing
# the same (dotnet publish, docker build, docker tag, docker push).
#
#   bench/docker/run.sh [trials]      default 3; root with dockerd and docker-registry installed
#
# Isolation: the bench runs its own dockerd (state under /var/lib/autopr-bench, socket under
# /run/autopr-bench, started by DockerEnvironment) so that removing images cannot disturb the
# shared engine, and a fresh registry (new port, new storage) per tool and trial, so that no
# blob is already there or mountable.
# Cold: no image but the base image in the engine (so no layer cache) and an empty registry.
# Warm: the same command again, nothing changed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
trials=${1:-3}
state=/var/lib/autopr-bench
run=/run/autopr-bench

dotnet build bench/docker/DockerBench -c Release --nologo -v quiet >/dev/null
harness=(dotnet bench/docker/DockerBench/bin/Release/net10.0/DockerBench.dll)
eval "export $("${harness[@]}" engine "$state" "$run")"   # DOCKER_HOST of the private engine
export DOCKER_BUILDKIT=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

now_ms() { date +%s%3N; }
reset_engine() {    # every image but the base image, and with them the classic builder's cache
  local ids
  ids=$(docker images -a --format '{{.Repository}} {{.ID}}' | awk '$1 != "autopr/runtime-deps" {print $2}' | sort -u)
  if [ -n "$ids" ]; then docker rmi -f $ids >/dev/null 2>&1 || true; fi
}
fresh_registry() {  # prints host:port of a new, empty registry
  local port=$1
  rm -rf "$state/registry/data"
  "${harness[@]}" registry "$state" "$run" "$port" | sed 's/^REGISTRY=//'
}
stop_registries() {
  for pidfile in "$run"/registry-*.pid; do
    [ -e "$pidfile" ] || continue
    kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}
stop_engine() {
  kill -TERM "$(cat "$run/dockerd.pid")" 2>/dev/null || true
}
trap 'stop_registries; stop_engine' EXIT

cli_build_push() {  # the docker CLI doing what DockerBuild + push do
  local registry=$1 tag
  tag=$(git rev-parse HEAD)
  dotnet publish src/AutoPR.Service/AutoPR.Service.csproj -c Release -r linux-x64 --self-contained true \
    -o artifacts/publish/service --nologo -v quiet -nodeReuse:false >/dev/null
  docker build -q --build-arg BASE_IMAGE=autopr/runtime-deps:bookworm --build-arg REVISION="$tag" \
    --build-arg IMAGE_TAG="$tag" -t "bench-cli:$tag" . >/dev/null
  docker tag "bench-cli:$tag" "$registry/bench/autopr:$tag"
  docker push -q "$registry/bench/autopr:$tag" >/dev/null
}

results=$(mktemp)
for trial in $(seq 1 "$trials"); do
  start=$(now_ms); "${harness[@]}" noop >/dev/null; noop=$(( $(now_ms) - start ))

  ours() {
    reset_engine; registry=$(fresh_registry $((5100 + 2 * trial)))
    start=$(now_ms); line=$("${harness[@]}" build-push "$root" bench-ours "$registry" bench/autopr); ours_cold=$(( $(now_ms) - start ))
    echo "trial $trial ours cold: ${ours_cold} ms  $line"
    start=$(now_ms); line=$("${harness[@]}" build-push "$root" bench-ours "$registry" bench/autopr); ours_warm=$(( $(now_ms) - start ))
    echo "trial $trial ours warm: ${ours_warm} ms  $line"
    stop_registries
  }
  cli() {
    reset_engine; registry=$(fresh_registry $((5101 + 2 * trial)))
    start=$(now_ms); cli_build_push "$registry" 2>/dev/null; cli_cold=$(( $(now_ms) - start ))
    echo "trial $trial cli cold:  ${cli_cold} ms"
    start=$(now_ms); cli_build_push "$registry" 2>/dev/null; cli_warm=$(( $(now_ms) - start ))
    echo "trial $trial cli warm:  ${cli_warm} ms"
    stop_registries
  }
  # Alternate which side goes first, so neither always meets the other's leftovers (page cache, publish state).
  if (( trial % 2 )); then ours; cli; else cli; ours; fi

  echo "$noop $ours_cold $ours_warm $cli_cold $cli_warm" >> "$results"
done

python3 - "$results" <<'PY'
import statistics, sys
rows = [list(map(int, line.split())) for line in open(sys.argv[1])]
med = lambda i: statistics.median(r[i] for r in rows)
noop, oc, ow, cc, cw = (med(i) for i in range(5))
print()
print(f"medians over {len(rows)} trials, wall clock ms; process start (harness noop) {noop:.0f}")
print("| run | AutoPR.Deployment | docker CLI | ratio |")
print("|---|---|---|---|")
print(f"| cold | {oc:.0f} | {cc:.0f} | {oc/cc:.2f}x |")
print(f"| warm, no changes | {ow:.0f} ({ow-noop:.0f} beyond process start) | {cw:.0f} | {ow/cw:.2f}x |")
PY
rm -f "$results"
