#!/usr/bin/env bash
# Bootstrap for the AutoPR build: ./build.sh <Target...> [--parameter value ...]   (./build.sh --help)
#
# The build project is compiled only when one of its inputs changed: a fingerprint of the inputs' paths,
# sizes and modification times is compared with the one recorded at the last compile. The warm path runs
# the compiled build directly, without MSBuild.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_PROJECT="$ROOT/build/_build.csproj"
BUILD_DLL="$ROOT/build/bin/Debug/net10.0/_build.dll"
TEMP_DIR="$ROOT/.nuke/temp"
FINGERPRINT_FILE="$TEMP_DIR/build.fingerprint"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_ROLL_FORWARD=Major

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: dotnet was not found on PATH; install the .NET SDK $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$ROOT/global.json") or newer (see global.json)." >&2
  exit 2
fi

# Inputs of the build project: its own folder, the projects it references, and the repository-wide settings.
fingerprint() {
  cd "$ROOT"
  local dirs=(build)
  local ref
  for ref in $(sed -n 's/.*ProjectReference Include="\.\.[\\/]\([^"]*\)[\\/][^\\/"]*\.csproj".*/\1/p' build/_build.csproj | tr '\\' '/'); do
    dirs+=("$ref")
  done
  {
    find "${dirs[@]}" -type f -not -path '*/bin/*' -not -path '*/obj/*' -printf '%p %s %T@\n'
    find . -maxdepth 1 -type f \( -name 'global.json' -o -name 'Directory.*.props' -o -name 'Directory.*.targets' -o -iname 'nuget.config' \) -printf '%p %s %T@\n'
  } | LC_ALL=C sort | sha1sum | cut -d' ' -f1
}

current="$(fingerprint)"
if [[ ! -f "$BUILD_DLL" || ! -f "$FINGERPRINT_FILE" || "$(cat "$FINGERPRINT_FILE")" != "$current" ]]; then
  mkdir -p "$TEMP_DIR"
  if ! dotnet --version >/dev/null 2>&1; then
    echo "error: no .NET SDK matching global.json is installed; install SDK $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$ROOT/global.json") (rollForward latestFeature) and retry." >&2
    exit 2
  fi
  # One compile at a time when several builds start together.
  exec 9>"$TEMP_DIR/build.lock"
  flock 9
  if [[ ! -f "$FINGERPRINT_FILE" || "$(cat "$FINGERPRINT_FILE")" != "$current" || ! -f "$BUILD_DLL" ]]; then
    echo "Compiling the build project (its inputs changed)..." >&2
    # MSBuild's chatter goes to a log; only a failure shows it.
    if ! dotnet build "$BUILD_PROJECT" -c Debug --nologo -v q "-clp:ErrorsOnly;NoSummary" > "$TEMP_DIR/build-compile.log" 2>&1; then
      grep -E 'error|Error' "$TEMP_DIR/build-compile.log" | sort -u >&2 || cat "$TEMP_DIR/build-compile.log" >&2
      echo "error: the build project does not compile; fix the errors above (full log: .nuke/temp/build-compile.log)." >&2
      exit 2
    fi
    echo "$current" > "$FINGERPRINT_FILE"
  fi
  flock -u 9
fi

exec dotnet "$BUILD_DLL" "$@"
