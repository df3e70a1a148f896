#!/usr/bin/env bash
# GitOps.dll stays trim- and AOT-safe: publishes the tiny lab tests/GitOps.AotCheck NativeAOT (linux-x64; needs clang),
# which fails on any trim/AOT warning from GitOps.dll (see its project file), then runs the executable and the same lab
# under the JIT (`dotnet exec`) and fails unless both exit 0 and write the same files, byte for byte.
#   tests/aot-check.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gitops-aot-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
project=$repo/tests/GitOps.AotCheck

echo "== NativeAOT publish of tests/GitOps.AotCheck (a trim/AOT warning from GitOps.dll fails it)"
dotnet publish "$project" -c Release -r linux-x64 -p:GitOpsUseServer=false -tl:off -nologo -o "$work/aot" > "$work/publish.log" 2>&1 \
  || { grep -E "error|warning" "$work/publish.log" || cat "$work/publish.log"; exit 1; }
grep -E "warning IL" "$work/publish.log" | sed 's/ \[.*//' | sort -u || true
echo "== JIT build"
dotnet build "$project" -c Release -p:GitOpsUseServer=false -tl:off -v:q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

"$work/aot/GitOps.AotCheck" --output "$work/out-aot"
dotnet exec "$project/bin/Release/net10.0/GitOps.AotCheck.dll" --output "$work/out-jit"
if ! diff -r "$work/out-jit" "$work/out-aot"; then echo "FAIL: the NativeAOT lab's files differ from the JIT run's"; exit 1; fi
echo "OK: $(find "$work/out-aot" -type f | wc -l) files, identical; no trim/AOT warning from GitOps.dll"
