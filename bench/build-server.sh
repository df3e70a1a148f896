#!/usr/bin/env bash
# What the generator build server (GitOpsUseServer, docs/msbuild.md "The build server") saves, measured in one run:
# a consumer lab project of the packed packages, built alternately with the server (the default) and without it
# (-p:GitOpsUseServer=false):
#   - a no-op `dotnet build` (the generator is skipped);
#   - a `dotnet build` after a one-line lab change (compile + generator);
#   - the generator step alone: the GenerateLabManifests task's time in MSBuild's performance summary.
# Wall time and CPU time (user+sys of the build's process tree, plus what the generator server and the C# compiler
# server used during the build), medians of RUNS rounds. The builds use the SDK's default shared compilation
# (UseSharedCompilation=true, the Roslyn compiler server VBCSCompiler), whatever the environment says: a machine or CI
# that sets UseSharedCompilation=false pays a cold compiler (about 3 s here) on every build that compiles. The machine may be shared: the load average is printed before and after.
# Usage: bench/build-server.sh [RUNS=7]. Exits non-zero only on a failed build.
set -euo pipefail

RUNS=${1:-7}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gitops-server-bench.XXXXXX")
server_pids=()
compilers_before=" $( (pgrep -f bincore/VBCSCompiler || true) | tr "\n" " ") "
cleanup() {
  # Compiler servers this run started (not those of other builds on the machine).
  for pid in $(pgrep -f bincore/VBCSCompiler || true); do
    [[ "$compilers_before" == *" $pid "* ]] || kill "$pid" 2> /dev/null || true
  done
  for pid in "${server_pids[@]}"; do
    if grep -qs GitOps.Build.Server.dll "/proc/$pid/cmdline"; then kill "$pid" 2> /dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1

. "$repo/bench/lib.sh"
clock_ticks=$(getconf CLK_TCK)
# CPU milliseconds (user+sys) a process has used so far; 0 when it is gone.
process_cpu_ms() { awk -v hz="$clock_ticks" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat" 2> /dev/null || echo 0; }

# One build: prints "wall_ms cpu_ms generator_ms". CPU: the build's process tree (GNU time counts waited-for children)
# plus the running server's CPU during the build.
build() { # variant (server|process)
  local extra=() server_before=0 pid
  [ "$1" = process ] && extra=(-p:GitOpsUseServer=false)
  for pid in "${server_pids[@]}" $(pgrep -f bincore/VBCSCompiler || true); do server_before=$(( server_before + $(process_cpu_ms "$pid") )); done
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" \
    dotnet build "$work/lab" -c Release -nodeReuse:false -tl:off -v:n -nologo -clp:PerformanceSummary -p:UseSharedCompilation=true "${extra[@]}" > "$work/last-build.log" 2>&1 \
    || { cat "$work/last-build.log"; exit 1; }
  pid=$(sed -n 's/.*GitOps: the build server (process \([0-9]*\)) ran .*/\1/p' "$work/last-build.log" | tail -1)
  if [ -n "$pid" ] && [[ ! " ${server_pids[*]} " =~ " $pid " ]]; then server_pids+=("$pid"); fi
  local server_after=0
  for pid in "${server_pids[@]}" $(pgrep -f bincore/VBCSCompiler || true); do server_after=$(( server_after + $(process_cpu_ms "$pid") )); done
  local generator_ms
  generator_ms=$(awk '$2 == "ms" && $3 == "GenerateLabManifests" { print $1 }' "$work/last-build.log" | tail -1)
  awk -v s=$(( server_after - server_before )) -v g="${generator_ms:-0}" '{ printf "%d %d %d\n", $1 * 1000, ($2 + $3) * 1000 + s, g }' "$work/time.txt"
}

echo "== pack"
for project in src/GitOps/GitOps.csproj src/GitOps.Build/GitOps.Build.csproj; do
  dotnet pack "$repo/$project" -c Release -o "$work/feed" -nodeReuse:false -tl:off -v:q -nologo > "$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }
done
# The consumer restores into a cache of this run's own: never a stale package of the same version.
export NUGET_PACKAGES="$work/packages"
version=$(basename "$work"/feed/LabNetwork.GitOps.Build.*.nupkg .nupkg); version=${version#LabNetwork.GitOps.Build.}

mkdir -p "$work/lab"
cat > "$work/lab/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="bench" value="$work/feed" /></packageSources></configuration>
XML
cat > "$work/lab/Lab.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LabNetwork.GitOps" Version="$version" />
    <PackageReference Include="LabNetwork.GitOps.Build" Version="$version" />
  </ItemGroup>
</Project>
XML
echo 'return GitOps.GitOpsCli.Run(args, MyLab.Build);' > "$work/lab/Program.cs"
write_lab() { # mtu of the Kubernetes VLAN (the one line the change edits)
  cat > "$work/lab/MyLab.cs" <<CS
using GitOps.Topology;
public static class MyLab
{
    public static Lab Build() =>
        Lab.Create("home")
            .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"))
            .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu($1))
            .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
            .Cluster("home", c => c.NodeNetwork("k8s"))
            .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
            .Build();
}
CS
}
write_lab 9000

echo "== first builds (restore, compile, generate; the first with the server starts it)"
build process > /dev/null
write_lab 8999; build server > /dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== $RUNS rounds: no-op build and one-line change, with and without the server, alternating"
for variant in server process; do : > "$work/$variant.noop"; : > "$work/$variant.change"; done
mtu=1500
for i in $(seq "$RUNS"); do
  if (( i % 2 )); then order="server process"; else order="process server"; fi
  for variant in $order; do
    build "$variant" >> "$work/$variant.noop"
    mtu=$(( mtu + 1 )); write_lab "$mtu"
    build "$variant" >> "$work/$variant.change"
    grep -q "GitOps: $work/lab/manifests: [1-9][0-9]* written" "$work/last-build.log" || { echo "the change build did not write the change"; exit 1; }
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

column_median() { awk -v c="$2" '{ print $c }' "$1" | median; }
echo
echo "Figures ($(nproc) cores, $(dotnet --version) SDK, medians of $RUNS; load average $load_before before, $load_after after):"
printf '  %-44s %14s %14s %8s\n' "" "server" "new process" "ratio"
row() { # label, file suffix, column
  local s p; s=$(column_median "$work/server.$2" "$3"); p=$(column_median "$work/process.$2" "$3")
  awk -v l="$1" -v s="$s" -v p="$p" 'BEGIN { printf "  %-44s %11d ms %11d ms %7.2fx\n", l, s, p, (p > 0 ? s / p : 0) }'
}
row "no-op build, wall" noop 1
row "no-op build, CPU (build + server)" noop 2
row "build after a one-line change, wall" change 1
row "build after a one-line change, CPU" change 2
row "generator step (GenerateLabManifests), wall" change 3
awk -v s="$(column_median "$work/server.change" 1)" -v n="$(column_median "$work/server.noop" 1)" \
  -v ps="$(column_median "$work/process.change" 1)" -v pn="$(column_median "$work/process.noop" 1)" \
  'BEGIN { printf "  one-line change over a no-op build, wall: server +%d ms, new process +%d ms\n", s - n, ps - pn }'
