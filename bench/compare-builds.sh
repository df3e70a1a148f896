#!/usr/bin/env bash
# The generator of an earlier commit against the working tree's, whole process, on this machine in one run.
#   bench/compare-builds.sh <git-ref> [RUNS=5] [case ...]     (cases: N of the bench lab, or "sample"; default 10 1000 10000 sample)
# Builds the bench lab (bench/GitOps.BenchLab) and the sample lab (samples/HomeLab) in Release from <git-ref> (a
# copy of it in a temporary folder, `git archive`) and from the working tree, then runs old and new alternately (old
# new, then new old, ...) for RUNS pairs after one warm-up pair, each into a fresh empty folder under OUTPUT_ROOT
# (default /dev/shm, tmpfs: creating files on a disk costs both builds alike and varies from run to run, see
# docs/performance.md). Per case it prints the medians of CPU time (user + system, GNU time's %U + %S), peak RSS
# (%M) and wall time, and the methods one run JIT-compiles (DOTNET_JitStdOutFile with DOTNET_JitDisasmSummary=1).
# Fails when a run exits non-zero.
set -euo pipefail

ref=${1:?usage: bench/compare-builds.sh <git-ref> [RUNS] [case ...]}
RUNS=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
cases=("$@")
(( ${#cases[@]} )) || cases=(10 1000 10000 sample)
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gitops-builds.XXXXXX")
out=$(mktemp -d "${OUTPUT_ROOT:-/dev/shm}/gitops-builds-out.XXXXXX")
trap 'rm -rf "$work" "$out"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

. "$repo/bench/lib.sh"
need_gnu_time

build() { # build SOURCE-ROOT: the bench lab and the sample lab in Release
  local root=$1
  for project in bench/GitOps.BenchLab samples/HomeLab; do
    dotnet build "$root/$project" -c Release -p:GitOpsUseServer=false -tl:off -v:q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  done
}

echo "== building $ref (old) and the working tree (new), Release"
mkdir -p "$work/old"
git -C "$repo" archive "$ref" | tar -x -C "$work/old"
build "$work/old"
build "$repo"
# The old sample lab's build wrote its manifests/ into the copy, not into this tree.

command_of() { # command_of ROOT CASE: the generator's command line, without --output
  if [[ $2 == sample ]]; then echo "dotnet exec $1/samples/HomeLab/bin/Release/net10.0/HomeLab.dll"
  else echo "dotnet exec $1/bench/GitOps.BenchLab/bin/Release/net10.0/GitOps.BenchLab.dll $2"; fi
}

run() { # run SIDE COMMAND: one run into an empty folder; appends "wall cpu kib" to $work/times.SIDE
  rm -rf "$out/run"; mkdir -p "$out/run"
  timed "$work/times.$1" "$work/run.log" $2 --output "$out/run"
}

jitted() { # jitted COMMAND: methods one run JIT-compiles
  rm -rf "$out/run"; mkdir -p "$out/run"
  DOTNET_JitStdOutFile="$work/jit" DOTNET_JitDisasmSummary=1 $1 --output "$out/run" > /dev/null 2>&1
  grep -c "JIT compiled" "$work/jit"; rm -f "$work/jit"
}

printf '\n%-8s %9s %9s %7s %9s %9s %9s %9s %9s %9s\n' case "old CPU" "new CPU" change "old MiB" "new MiB" "old wall" "new wall" "old JIT" "new JIT"
for c in "${cases[@]}"; do
  old=$(command_of "$work/old" "$c"); new=$(command_of "$repo" "$c")
  run old "$old"; run new "$new"; : > "$work/times.old"; : > "$work/times.new"   # warm-up pair (page cache)
  for i in $(seq "$RUNS"); do
    if (( i % 2 )); then run old "$old"; run new "$new"; else run new "$new"; run old "$old"; fi
  done
  oc=$(cut -d' ' -f2 "$work/times.old" | median); nc=$(cut -d' ' -f2 "$work/times.new" | median)
  printf '%-8s %9.2f %9.2f %6.0f%% %9.0f %9.0f %9.2f %9.2f %9d %9d\n' "$c" "$oc" "$nc" "$(awk -v o="$oc" -v n="$nc" 'BEGIN { print (n / o - 1) * 100 }')" \
    "$(cut -d' ' -f3 "$work/times.old" | median | awk '{ print $1 / 1024 }')" "$(cut -d' ' -f3 "$work/times.new" | median | awk '{ print $1 / 1024 }')" \
    "$(cut -d' ' -f1 "$work/times.old" | median)" "$(cut -d' ' -f1 "$work/times.new" | median)" "$(jitted "$old")" "$(jitted "$new")"
done
echo "($(nproc) cores, $(dotnet --version) SDK, load $(cut -d' ' -f1-3 /proc/loadavg), output under ${OUTPUT_ROOT:-/dev/shm}, RUNS=$RUNS)"
