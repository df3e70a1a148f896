#!/usr/bin/env bash
# Downloads the upstream files the tests read (pinned in tests/upstream-files.tsv: URL at a commit, line range,
# sha256) into artifacts/upstream-cache, or into the folder given as the first argument, and checks each hash.
# The tests find that folder on their own when ../shared/upstream is absent (or point GITOPS_UPSTREAM_DIR at it).
# A file already there with the pinned hash is kept; a download with another hash is refused and not written.
# Needs curl and sha256sum. Usage: tests/fetch-upstream.sh [folder]
set -euo pipefail
cd "$(dirname "$0")/.."

manifest=tests/upstream-files.tsv
target="${1:-artifacts/upstream-cache}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetched=0 kept=0 failed=0
while IFS=$'\t' read -r path sha url lines; do
  case "$path" in ''|'#'*) continue ;; esac
  dest="$target/$path"
  if [ -f "$dest" ] && [ "$(sha256sum "$dest" | cut -c1-64)" = "$sha" ]; then
    kept=$((kept + 1))
    continue
  fi

  # One download per URL (several extracts cut from the same upstream file).
  source="$work/$(printf '%s' "$url" | sha256sum | cut -c1-64)"
  if [ ! -f "$source" ] && ! curl -fsSL --retry 3 -o "$source" "$url"; then
    echo "fetch-upstream: download failed: $url" >&2
    failed=$((failed + 1))
    continue
  fi

  candidate="$work/candidate"
  if [ "$lines" = "-" ]; then
    cp "$source" "$candidate"
  else
    sed -n "${lines%-*},${lines#*-}p" "$source" > "$candidate"
  fi

  actual="$(sha256sum "$candidate" | cut -c1-64)"
  if [ "$actual" != "$sha" ]; then
    echo "fetch-upstream: $path: sha256 $actual, pinned $sha ($url, lines $lines); not written" >&2
    failed=$((failed + 1))
    continue
  fi

  mkdir -p "$(dirname "$dest")"
  mv "$candidate" "$dest"
  fetched=$((fetched + 1))
done < "$manifest"

echo "fetch-upstream: $target: $fetched downloaded, $kept already present, $failed failed"
[ "$failed" -eq 0 ]
