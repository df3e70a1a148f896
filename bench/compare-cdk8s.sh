#!/usr/bin/env bash
# This project's generator against cdk8s, whole process from a cold start, on this machine in one run.
#   ours:  bench/GitOps.BenchLab (a lab project: Program.cs calls GitOpsCli.Run) for N bridge+DHCP attachments,
#          `dotnet exec GitOps.BenchLab.dll N --output <empty folder>`;
#   cdk8s: a cdk8s app (pinned versions below, installed from npm into a temporary folder) that emits the same
#          NetworkAttachmentDefinitions with ApiObject, one file per resource, `node app.js N <empty folder>`.
# The two run alternately (A B A B …, the order flipping every pair), each into a fresh empty folder. Per N it
# prints the medians of wall time, CPU time (user + system, GNU time's %U + %S: steadier than wall time on a shared
# machine) and peak RSS (%M), and the medians of the per-pair wall and CPU ratios. Then the
# sample lab's generator alone (samples/HomeLab, `dotnet exec HomeLab.dll --output <empty folder>`).
# Usage: bench/compare-cdk8s.sh [RUNS=7] [N ...]   (default N: 10 100 1000 10000; N=10000 runs max(3, RUNS/2) pairs)
# OURS_EXE=<executable>: "ours" is that executable of the bench lab (a NativeAOT publish of bench/GitOps.BenchLab, as
# bench/native-aot.sh makes) instead of `dotnet exec GitOps.BenchLab.dll`.
# Fails when either side exits non-zero or writes fewer NetworkAttachmentDefinitions than N.
set -euo pipefail

CDK8S_VERSION=2.70.106
CONSTRUCTS_VERSION=10.8.1

RUNS=${1:-7}
shift || true
sizes=("$@")
(( ${#sizes[@]} )) || sizes=(10 100 1000 10000)
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gitops-cdk8s.XXXXXX")
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

. "$repo/bench/lib.sh"
need_gnu_time

echo "== cdk8s $CDK8S_VERSION + constructs $CONSTRUCTS_VERSION from npm"
mkdir -p "$work/cdk8s"
( cd "$work/cdk8s" && npm init -y > /dev/null &&
  npm install --silent --no-audit --no-fund --save-exact "cdk8s@$CDK8S_VERSION" "constructs@$CONSTRUCTS_VERSION" > /dev/null )
cat > "$work/cdk8s/app.js" <<'JS'
// N NetworkAttachmentDefinitions, the same objects the bench lab emits, one YAML file per resource.
const { App, Chart, ApiObject, YamlOutputType } = require('cdk8s');
const n = Number(process.argv[2]);
const app = new App({ outdir: process.argv[3], yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
const chart = new Chart(app, 'networks', { disableResourceNameHashes: true });
for (let i = 0; i < n; i++) {
  const name = `layer2-${i}`;
  const config = {
    cniVersion: '0.4.0',
    name,
    plugins: [
      { type: 'bridge', bridge: 'cni0', isGateway: false, isDefaultGateway: false, ipMasq: false,
        ipam: { type: 'dhcp', provide: [{ option: '12', fromArg: 'K8S_POD_NAME' }] } },
      { type: 'route-fix', multicast: true, broadcast: true, removeDefaultRoute: true },
    ],
  };
  new ApiObject(chart, name, {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name, namespace: 'default' },
    spec: { config: JSON.stringify(config, null, 2) + '\n' },
  });
}
app.synth();
JS

echo "== building the bench lab and the sample lab (Release)"
dotnet build "$repo/bench/GitOps.BenchLab" -c Release -p:GitOpsUseServer=false -tl:off -v:q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
# The sample lab's own build runs its generator into manifests/ (unchanged bytes when the tree is clean).
dotnet build "$repo/samples/HomeLab" -c Release -p:GitOpsUseServer=false -tl:off -v:q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
ours_dll="$repo/bench/GitOps.BenchLab/bin/Release/net10.0/GitOps.BenchLab.dll"
home_dll="$repo/samples/HomeLab/bin/Release/net10.0/HomeLab.dll"
if [[ -n ${OURS_EXE:-} ]]; then ours=("$OURS_EXE"); else ours=(dotnet exec "$ours_dll"); fi

# Every run writes into a folder of its own, and no output is deleted until the script ends. On an ext4 file system
# without a journal (this project's CI and development VMs), creating a file scans past every inode deleted in the
# last 60 s or more (fs/ext4/ialloc.c: find_inode_bit() calls recently_deleted() when s_journal is NULL); deleting the
# previous run's 10,000 files before each run made the next side's creates cost up to 5 s of system time (perf:
# recently_deleted, find_get_block_common), whichever side came next.
mkdir -p "$work/out"
# fresh SIDE: prints a new empty folder for one run of SIDE
fresh() { mktemp -d "$work/out/$1.XXXXXX"; }

# run NAME N COMMAND...: one run (COMMAND names its fresh folder); appends "wall cpu kib" to $work/NAME.N
run() {
  local name=$1 n=$2; shift 2
  timed "$work/$name.$n" "$work/$name.log" "$@"
}

# nads DIR: the number of NetworkAttachmentDefinition files under DIR
nads() { grep -rl --include='*.yaml' '^kind: NetworkAttachmentDefinition' "$1" | wc -l; }

printf '\n%7s %10s %10s %10s %10s %10s %10s %12s %12s\n' N "ours s" "cdk8s s" "ratio" "ours cpu" "cdk8s cpu" "cpu ratio" "ours MiB" "cdk8s MiB"
for n in "${sizes[@]}"; do
  pairs=$RUNS; (( n >= 10000 )) && pairs=$(( RUNS / 2 > 3 ? RUNS / 2 : 3 ))
  : > "$work/ours.$n"; : > "$work/cdk8s.$n"; : > "$work/ratio.$n"; : > "$work/cpuratio.$n"
  # one warm-up each (page cache, not the process: every counted run is a new process)
  o=$(fresh ours); run ours "$n" "${ours[@]}" "$n" --output "$o"
  c=$(fresh cdk8s); run cdk8s "$n" node "$work/cdk8s/app.js" "$n" "$c"
  for side in "ours $o" "cdk8s $c"; do
    got=$(nads "${side#* }")
    (( got == n )) || { echo "${side% *} wrote $got NetworkAttachmentDefinitions for N=$n"; exit 1; }
  done
  : > "$work/ours.$n"; : > "$work/cdk8s.$n"
  for i in $(seq "$pairs"); do
    if (( i % 2 )); then order="ours cdk8s"; else order="cdk8s ours"; fi
    for side in $order; do
      out=$(fresh "$side")
      if [[ $side == ours ]]; then
        run ours "$n" "${ours[@]}" "$n" --output "$out"
      else
        run cdk8s "$n" node "$work/cdk8s/app.js" "$n" "$out"
      fi
    done
    paste -d' ' <(tail -1 "$work/ours.$n") <(tail -1 "$work/cdk8s.$n") | awk '{ print $1 / $4 }' >> "$work/ratio.$n"
    paste -d' ' <(tail -1 "$work/ours.$n") <(tail -1 "$work/cdk8s.$n") | awk '{ print $2 / ($5 > 0 ? $5 : 0.01) }' >> "$work/cpuratio.$n"
  done
  printf '%7d %10.3f %10.3f %9.2fx %10.2f %10.2f %9.2fx %12.1f %12.1f\n' "$n" \
    "$(cut -d' ' -f1 "$work/ours.$n" | median)" "$(cut -d' ' -f1 "$work/cdk8s.$n" | median)" \
    "$(median < "$work/ratio.$n")" \
    "$(cut -d' ' -f2 "$work/ours.$n" | median)" "$(cut -d' ' -f2 "$work/cdk8s.$n" | median)" \
    "$(median < "$work/cpuratio.$n")" \
    "$(cut -d' ' -f3 "$work/ours.$n" | median | awk '{ print $1 / 1024 }')" \
    "$(cut -d' ' -f3 "$work/cdk8s.$n" | median | awk '{ print $1 / 1024 }')"
done

echo
out=$(fresh home); run home sample dotnet exec "$home_dll" --output "$out"
: > "$work/home.sample"
for _ in $(seq "$RUNS"); do
  out=$(fresh home); run home sample dotnet exec "$home_dll" --output "$out"
done
printf 'sample lab generator (dotnet exec HomeLab.dll --output <empty>): %.3f s (%.2f s CPU) median of %d, peak %.1f MiB\n' \
  "$(cut -d' ' -f1 "$work/home.sample" | median)" "$(cut -d' ' -f2 "$work/home.sample" | median)" "$RUNS" "$(cut -d' ' -f3 "$work/home.sample" | median | awk '{ print $1 / 1024 }')"
echo "($(nproc) cores, $(dotnet --version) SDK, node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg))"
