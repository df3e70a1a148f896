#!/usr/bin/env bash
# route-fix vs Debian's sbr: binary sizes, publish time, median ADD/DEL of the chained plugin after
# bridge + host-local in real network namespaces (50 runs each). Needs root, iproute2, dnsmasq, tcpdump,
# containernetworking-plugins and clang. Usage: bench/route-fix-bench.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

start=$(date +%s%N)
dotnet publish "$root/src/RouteFix/RouteFix.csproj" -c Release -r linux-x64 -o "$out/route-fix" -nologo -v quiet
end=$(date +%s%N)
echo "route-fix publish (NativeAOT, linux-x64): $(( (end - start) / 1000000 )) ms"

dotnet build "$root/bench/RouteFix.Bench/RouteFix.Bench.csproj" -c Release -nologo -v quiet
ROUTE_FIX_BINARY="$out/route-fix/route-fix" dotnet "$root/bench/RouteFix.Bench/bin/Release/net10.0/RouteFix.Bench.dll" "${1:-50}"
