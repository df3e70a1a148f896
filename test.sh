#!/usr/bin/env bash
# Runs every test of the repository: unit, snapshot, packaging end-to-end and the network
# namespace integration tests of route-fix.
#
# On Linux as root it first installs what the namespace tests need when it is missing
# (Debian/Ubuntu: CNI reference plugins, dnsmasq, iproute2, tcpdump; frr and bird2 for the BGP proof; runc,
# busybox-static and umoci for the node emulator; clang for the NativeAOT build of route-fix; binutils for its
# objdump check; chromium and fonts-dejavu-core to render NETWORK.md's diagram), and, when npm is there, the pinned
# mermaid package into tests/mermaid/node_modules (npm ci). Elsewhere those tests report as skipped with the reason;
# with GITOPS_REQUIRE_NAMESPACE_TESTS=1 (set by .ci/run) a missing prerequisite fails them instead.
set -euo pipefail
cd "$(dirname "$0")"

packages=(containernetworking-plugins dnsmasq-base iproute2 tcpdump clang frr bird2 runc busybox-static umoci binutils chromium fonts-dejavu-core)
if [ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# The browser test of NETWORK.md renders with the mermaid release tests/mermaid/package-lock.json pins.
# node_modules/.installed-lock.json is the lock file it was installed from, so a changed pin reinstalls.
if command -v npm >/dev/null && ! cmp -s tests/mermaid/package-lock.json tests/mermaid/node_modules/.installed-lock.json; then
  echo "test.sh: installing the pinned mermaid package into tests/mermaid/node_modules (npm ci)"
  npm ci --prefix tests/mermaid --ignore-scripts --no-audit --no-fund --loglevel=error
  cp tests/mermaid/package-lock.json tests/mermaid/node_modules/.installed-lock.json
fi

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test GitOps.sln --logger "trx" --results-directory "$results" "$@" || status=$?

# One plain closing line over all test projects: "N passed, N failed, N skipped".
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
