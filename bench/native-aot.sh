#!/usr/bin/env bash
# A lab published NativeAOT against the same lab run by the JIT (`dotnet exec`, as the MSBuild task runs it), whole
# process, on this machine in one run.
#   bench/native-aot.sh [RUNS=5] [case ...]     (cases: N of the bench lab, or "sample"; default 10 10000 sample)
# Builds the bench lab (bench/GitOps.BenchLab) and the sample lab (samples/HomeLab) in Release, publishes each with
# `dotnet publish -c Release -r linux-x64 -p:PublishAot=true` (needs clang; the ILCompiler pack is restored), checks per
# case that the native executable writes the same files, byte for byte, as the JIT run, then runs JIT and AOT
# alternately (jit aot, then aot jit, ...) for RUNS pairs after one warm-up pair, each into a fresh empty folder under
# OUTPUT_ROOT (default /dev/shm). Per case it prints the medians of wall time, CPU time (user + system, GNU time's
# %U + %S) and peak RSS (%M), and the JIT/AOT ratios. Fails when a run exits non-zero or the files differ.
set -euo pipefail

RUNS=${1:-5}
shift $(( $# >= 1 ? 1 : 0 ))
cases=("$@")
(( ${#cases[@]} )) || cases=(10 10000 sample)
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gitops-aot.XXXXXX")
out=$(mktemp -d "${OUTPUT_ROOT:-/dev/shm}/gitops-aot-out.XXXXXX")
trap 'rm -rf "$work" "$out"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

. "$repo/bench/lib.sh"
need_gnu_time

# TreatWarningsAsErrors=false: KubernetesClient and YamlDotNet report trim/AOT warnings of their own (IL2104/IL3053:
# KubernetesJson's reflection fallback, YamlDotNet's reflection-based (de)serializer), which this repository's
# Directory.Build.props would make errors. GitOps.dll itself has none (its IsAotCompatible build fails on one).
for project in bench/GitOps.BenchLab samples/HomeLab; do
  name=$(basename "$project")
  echo "== $project: Release build (JIT) and NativeAOT publish"
  dotnet build "$repo/$project" -c Release -p:GitOpsUseServer=false -tl:off -v:q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  dotnet publish "$repo/$project" -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=false -p:GitOpsUseServer=false \
    -tl:off -v:q -nologo -o "$work/aot-$name" > "$work/publish.log" 2>&1 || { cat "$work/publish.log"; exit 1; }
done

command_of() { # command_of SIDE CASE: the generator's command line, without --output
  if [[ $1 == jit ]]; then
    if [[ $2 == sample ]]; then echo "dotnet exec $repo/samples/HomeLab/bin/Release/net10.0/HomeLab.dll"
    else echo "dotnet exec $repo/bench/GitOps.BenchLab/bin/Release/net10.0/GitOps.BenchLab.dll $2"; fi
  else
    if [[ $2 == sample ]]; then echo "$work/aot-HomeLab/HomeLab"
    else echo "$work/aot-GitOps.BenchLab/GitOps.BenchLab $2"; fi
  fi
}

run() { # run SIDE COMMAND [FOLDER]: one run into an empty folder; appends "wall cpu kib" to $work/times.SIDE
  local folder=${3:-$out/run}
  rm -rf "$folder"; mkdir -p "$folder"
  timed "$work/times.$1" "$work/run.log" $2 --output "$folder"
}

printf '\n%-8s %9s %9s %7s %9s %9s %7s %9s %9s  %s\n' case "JIT wall" "AOT wall" ratio "JIT CPU" "AOT CPU" ratio "JIT MiB" "AOT MiB" files
for c in "${cases[@]}"; do
  jit=$(command_of jit "$c"); aot=$(command_of aot "$c")
  run jit "$jit" "$out/jit"; run aot "$aot" "$out/aot"   # warm-up pair (page cache), kept for the byte check
  if ! diff -r "$out/jit" "$out/aot" > "$work/diff"; then echo "case $c: the AOT executable's files differ from the JIT run's"; head -50 "$work/diff"; exit 1; fi
  files=$(find "$out/jit" -type f | wc -l)
  : > "$work/times.jit"; : > "$work/times.aot"
  for i in $(seq "$RUNS"); do
    if (( i % 2 )); then run jit "$jit"; run aot "$aot"; else run aot "$aot"; run jit "$jit"; fi
  done
  jw=$(cut -d' ' -f1 "$work/times.jit" | median); aw=$(cut -d' ' -f1 "$work/times.aot" | median)
  jc=$(cut -d' ' -f2 "$work/times.jit" | median); ac=$(cut -d' ' -f2 "$work/times.aot" | median)
  printf '%-8s %9.2f %9.2f %6.1fx %9.2f %9.2f %6.1fx %9.0f %9.0f  %s identical\n' "$c" "$jw" "$aw" "$(awk -v j="$jw" -v a="$aw" 'BEGIN { print (a > 0 ? j / a : 0) }')" \
    "$jc" "$ac" "$(awk -v j="$jc" -v a="$ac" 'BEGIN { print (a > 0 ? j / a : 0) }')" \
    "$(cut -d' ' -f3 "$work/times.jit" | median | awk '{ print $1 / 1024 }')" "$(cut -d' ' -f3 "$work/times.aot" | median | awk '{ print $1 / 1024 }')" "$files"
done
echo "($(nproc) cores, $(dotnet --version) SDK, load $(cut -d' ' -f1-3 /proc/loadavg), output under ${OUTPUT_ROOT:-/dev/shm}, RUNS=$RUNS)"
echo "executables: $(du -h "$work/aot-GitOps.BenchLab/GitOps.BenchLab" | cut -f1) (bench lab), $(du -h "$work/aot-HomeLab/HomeLab" | cut -f1) (sample lab)"
