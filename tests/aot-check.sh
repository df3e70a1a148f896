#!/usr/bin/env bash
# GitOps.dll stays trim- and AOT-safe: publishes the tiny lab tests/GitOps.AotCheck NativeAOT (linux-x64; needs clang),
# which fails on any trim/AOT warning from GitOps.dll (see its project file), then runs the executable and the same lab
# under the JIT (`dotnet exec`) and fails unless both exit 0 and write the same files, byte for byte. Then the same
# executable with GITOPS_AOT_CHECK=yaml-file builds a lab with a .YamlFile(...) workload, which NativeAOT cannot read:
# it must exit 1 with GITOPS175 at the line of that call in Program.cs, and no output folder.
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

echo "== a .YamlFile(...) workload in the NativeAOT lab"
line=$(grep -n 'YamlFile("web.yaml")' "$project/Program.cs" | cut -d: -f1)
set +e
GITOPS_AOT_CHECK=yaml-file "$work/aot/GitOps.AotCheck" --output "$work/out-yaml" > "$work/yaml.log" 2>&1
code=$?
set -e
cat "$work/yaml.log"
if (( code != 1 )) || ! grep -q "/Program.cs($line): error GITOPS175: .*cannot be read in a NativeAOT lab" "$work/yaml.log" \
  || grep -q "GITOPS220\|   at " "$work/yaml.log" || [[ -e $work/out-yaml ]]; then
  echo "FAIL: expected exit code 1 and GITOPS175 at Program.cs($line), no stack trace, no output folder (exit code $code)"; exit 1
fi
echo "OK: GITOPS175 at Program.cs($line)"
