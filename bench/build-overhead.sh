#!/usr/bin/env bash
# What LabNetwork.GitOps.Build costs a lab repository, measured on this machine in one run:
#   - pack time of both packages;
#   - no-op `dotnet build` of a consumer project WITH the packages vs the same project WITHOUT the
#     build package (target: ratio <= 1.10), medians of RUNS builds each, interleaved;
#   - `dotnet build` after a one-line model change (the generator runs), median of CHANGES builds;
#   - the generator's own run time (`dotnet exec Lab.dll --output ...`), median of RUNS runs.
# Usage: bench/build-overhead.sh [RUNS=9] [CHANGES=5]. Prints figures; exits non-zero only on a failed build.
set -euo pipefail

RUNS=${1:-9}
CHANGES=${2:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gitops-bench.XXXXXX")
# The lab builds run with the package's defaults, so the first one starts a generator build server (docs/msbuild.md):
# end the servers of this run's projects (their command line names this run's folder) with the run.
cleanup() {
  for pid in $(pgrep -f "GitOps.Build.Server.dll.*$work" || true); do kill "$pid" 2> /dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1
export NUGET_PACKAGES="$work/packages"   # a cache of this run's own: never a stale package of the same version

now_ms() { date +%s%3N; }
. "$repo/bench/lib.sh"
build() { dotnet build "$1" -c Release -nodeReuse:false -tl:off -v:q -nologo > "$work/last-build.log" 2>&1 || { cat "$work/last-build.log"; exit 1; }; }

echo "== pack"
start=$(now_ms)
dotnet pack "$repo/src/GitOps/GitOps.csproj" -c Release -o "$work/feed" -nodeReuse:false -tl:off -v:q -nologo > /dev/null
dotnet pack "$repo/src/GitOps.Build/GitOps.Build.csproj" -c Release -o "$work/feed" -nodeReuse:false -tl:off -v:q -nologo > /dev/null
pack_ms=$(( $(now_ms) - start ))
version=$(basename "$work"/feed/LabNetwork.GitOps.Build.*.nupkg .nupkg); version=${version#LabNetwork.GitOps.Build.}

# Two copies of one lab project; only "with" references the build package.
make_project() { # name, extra package reference
  local dir="$work/$1"; mkdir -p "$dir"
  cat > "$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="bench" value="$work/feed" /></packageSources></configuration>
XML
  cat > "$dir/Lab.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LabNetwork.GitOps" Version="$version" />
    $2
  </ItemGroup>
</Project>
XML
  echo 'return GitOps.GitOpsCli.Run(args, MyLab.Build);' > "$dir/Program.cs"
  write_lab "$dir" 9000
}
write_lab() { # dir, mtu of the Kubernetes VLAN (the one line the model change edits)
  cat > "$1/MyLab.cs" <<CS
using GitOps.Topology;
public static class MyLab
{
    public static Lab Build() =>
        Lab.Create("home")
            .Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"))
            .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu($2))
            .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
            .Cluster("home", c => c.NodeNetwork("k8s"))
            .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
            .Build();
}
CS
}
make_project with '<PackageReference Include="LabNetwork.GitOps.Build" Version="'"$version"'" />'
make_project without ''

echo "== first builds (restore, compile, generate)"
build "$work/with"; build "$work/without"
test -f "$work/with/manifests/.gitops-owned.txt" || { echo "the build with the package wrote no manifests"; exit 1; }

echo "== no-op builds: $RUNS each, interleaved (the order alternates so neither always goes first)"
: > "$work/with.ms"; : > "$work/without.ms"
for i in $(seq "$RUNS"); do
  if (( i % 2 )); then order="with without"; else order="without with"; fi
  for variant in $order; do
    start=$(now_ms); build "$work/$variant"; echo $(( $(now_ms) - start )) >> "$work/$variant.ms"
  done
done
with_ms=$(median < "$work/with.ms" | awk '{ printf "%d", $1 }'); without_ms=$(median < "$work/without.ms" | awk '{ printf "%d", $1 }')
with_min=$(sort -n "$work/with.ms" | head -1); without_min=$(sort -n "$work/without.ms" | head -1)

# What the package's own targets cost inside a no-op build (MSBuild's performance summary).
dotnet build "$work/with" -c Release -nodeReuse:false -tl:off -v:q -nologo -clp:PerformanceSummary > "$work/perf.log" 2>&1
targets_ms=$(awk '$3 ~ /^_GitOps/ { sum += $1 } END { print sum + 0 }' "$work/perf.log")
grep -q 'ms  _GitOpsGenerate' "$work/perf.log" || { echo "no _GitOpsGenerate in the performance summary"; exit 1; }

echo "== builds after a one-line model change: $CHANGES"
: > "$work/change.ms"
for i in $(seq "$CHANGES"); do
  write_lab "$work/with" $(( 1500 + i ))
  start=$(now_ms); build "$work/with"; echo $(( $(now_ms) - start )) >> "$work/change.ms"
done
change_ms=$(median < "$work/change.ms" | awk '{ printf "%d", $1 }')

echo "== generator alone: $RUNS runs"
: > "$work/generator.ms"
for _ in $(seq "$RUNS"); do
  start=$(now_ms)
  dotnet exec "$work/with/bin/Release/net10.0/Lab.dll" --output "$work/generator-out" > /dev/null
  echo $(( $(now_ms) - start )) >> "$work/generator.ms"
done
generator_ms=$(median < "$work/generator.ms" | awk '{ printf "%d", $1 }')

echo
echo "Figures ($(nproc) cores, $(dotnet --version) SDK, medians):"
printf '  pack (both packages)                 %6d ms\n' "$pack_ms"
printf '  no-op build without the package      %6d ms (fastest %d)\n' "$without_ms" "$without_min"
printf '  no-op build with the package         %6d ms (fastest %d)\n' "$with_ms" "$with_min"
awk -v w="$with_ms" -v o="$without_ms" 'BEGIN { printf "  no-op overhead ratio                 %6.3fx (target <= 1.10x)\n", w / o }'
printf '  _GitOps* targets in a no-op build    %6d ms\n' "$targets_ms"
printf '  build after a one-line model change  %6d ms\n' "$change_ms"
printf '  generator run (dotnet exec Lab.dll)  %6d ms\n' "$generator_ms"
