#!/usr/bin/env bash
# Warm start of the build: `./build.sh --help` (no MSBuild when the build inputs are unchanged) against the
# NUKE-style bootstrap of the same project (`dotnet build` + `dotnet run --no-build`). The goal is >= 5x.
#
#   bench/bootstrap/bench.sh            # RUNS=20 WARMUP=3 by default
#   RUNS=50 bench/bootstrap/bench.sh
#
# Uses hyperfine when installed (apt-get install hyperfine), otherwise (or with BENCH_TOOL=loop) a timed bash loop.
# Prints a table and writes bench/bootstrap/RESULTS.md with the figures and the machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RESULTS="$ROOT/bench/bootstrap/RESULTS.md"
RUNS="${RUNS:-20}"
WARMUP="${WARMUP:-3}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cd "$ROOT"

WARM="./build.sh --help"
NUKE="dotnet build build/_build.csproj --verbosity quiet && dotnet run --project build/_build.csproj --no-build -- --help"
NAMES=("warm ./build.sh --help" "NUKE-style build + run --no-build")
COMMANDS=("$WARM" "$NUKE")

# Both start from a compiled build project: only the warm path itself is measured.
./build.sh --help >/dev/null
dotnet build build/_build.csproj --verbosity quiet >/dev/null

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
STATS=()   # per command: "mean stddev median min max" in milliseconds

measure_with_hyperfine() {
  local csv
  csv="$(mktemp)"
  hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --export-csv "$csv" \
    -n "${NAMES[0]}" "${COMMANDS[0]} >/dev/null 2>&1" \
    -n "${NAMES[1]}" "${COMMANDS[1]} >/dev/null 2>&1" >&2
  # command,mean,stddev,median,user,system,min,max (seconds)
  while IFS=, read -r _ mean stddev median _ _ min max; do
    STATS+=("$(awk -v a="$mean" -v b="$stddev" -v c="$median" -v d="$min" -v e="$max" 'BEGIN { printf "%.1f %.1f %.1f %.1f %.1f", a*1000, b*1000, c*1000, d*1000, e*1000 }')")
  done < <(tail -n +2 "$csv")
  rm -f "$csv"
}

measure_with_loop() {
  local command samples i start end
  for command in "${COMMANDS[@]}"; do
    for ((i = 0; i < WARMUP; i++)); do bash -c "$command" >/dev/null 2>&1; done
    samples=()
    for ((i = 0; i < RUNS; i++)); do
      start=$(date +%s%N)
      bash -c "$command" >/dev/null 2>&1
      end=$(date +%s%N)
      samples+=("$(( (end - start) / 1000 ))")
    done
    STATS+=("$(printf '%s\n' "${samples[@]}" | sort -n | awk '
      { v[NR] = $1 / 1000; sum += v[NR] }
      END {
        mean = sum / NR
        for (i = 1; i <= NR; i++) sq += (v[i] - mean) ^ 2
        median = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.1f %.1f %.1f %.1f %.1f", mean, sqrt(sq / (NR > 1 ? NR - 1 : 1)), median, v[1], v[NR]
      }')")
  done
}

if [[ "${BENCH_TOOL:-}" != loop ]] && command -v hyperfine >/dev/null 2>&1; then
  TOOL="hyperfine $(hyperfine --version | cut -d' ' -f2)"
  measure_with_hyperfine
else
  TOOL="bash loop (date +%s%N)"
  measure_with_loop
fi

read -r WARM_MEAN _ <<<"${STATS[0]}"
read -r NUKE_MEAN _ <<<"${STATS[1]}"
SPEEDUP="$(awk -v w="$WARM_MEAN" -v n="$NUKE_MEAN" 'BEGIN { printf "%.1f", n / w }')"
VERDICT="$(awk -v s="$SPEEDUP" 'BEGIN { print (s >= 5 ? "met" : "NOT met") }')"

table() {
  echo "| Command | Mean (ms) | Std dev (ms) | Median (ms) | Min (ms) | Max (ms) |"
  echo "|---|---:|---:|---:|---:|---:|"
  local i mean stddev median min max
  for i in 0 1; do
    read -r mean stddev median min max <<<"${STATS[$i]}"
    echo "| ${NAMES[$i]} | $mean | $stddev | $median | $min | $max |"
  done
}

CPU="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
MEMORY="$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
OS="$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -s)"

{
  echo "# Bootstrap warm start: results"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/bootstrap/bench.sh\` ($TOOL, $RUNS runs after $WARMUP warm-up runs each)."
  echo
  table
  echo
  echo "Warm start is **${SPEEDUP}x** faster than the NUKE-style bootstrap (goal: at least 5x, $VERDICT)."
  echo
  echo "Commands:"
  echo
  echo "- warm: \`$WARM\` (the build project and its inputs unchanged: fingerprint check, then \`dotnet build/bin/Debug/net10.0/_build.dll\`)"
  echo "- NUKE-style: \`$NUKE\`"
  echo
  echo "Machine: $CPU, $(nproc) cores, $MEMORY, $OS, kernel $(uname -r), .NET SDK $(dotnet --version)."
  echo "Load average before the run: $LOAD_BEFORE (the machine is shared; figures vary with load)."
} >"$RESULTS"

echo
table
echo
echo "Speed-up: ${SPEEDUP}x (goal >= 5x: $VERDICT). Written to ${RESULTS#"$ROOT"/}."
