#!/usr/bin/env bash
# Builds the route-fix container image offline and reproducibly as an OCI image archive (a tar of an OCI
# image layout), from scratch: one layer with /app/route-fix (the NativeAOT binary) and exactly the shared
# libraries `ldd` says it loads (glibc's libc, libm and the dynamic loader), nothing else (no shell).
# Tools: Debian's umoci (https://github.com/opencontainers/umoci) and GNU tar; root (umoci unpack keeps owners).
#
#   build-oci-image.sh ROUTE_FIX_BINARY OUTPUT.tar TAG
#
# Same binary + same libraries => byte-identical archive: every timestamp is SOURCE_DATE_EPOCH (default 0),
# no history entries, files sorted, numeric root owner. The image's architecture is the binary's (its ELF
# e_machine: x86-64 -> amd64, AArch64 -> arm64), so build on a machine of that architecture: `ldd` must run the
# binary's loader. The release workflow builds each architecture on its own runner and joins them in one index.
set -euo pipefail
binary=$(readlink -f "$1"); output=$2; tag=$3
# e_machine: 2 bytes, little-endian, at offset 18 of the ELF header (elf(5)); 62 = EM_X86_64, 183 = EM_AARCH64.
case "$(od -An -t u2 -j 18 -N 2 --endian=little "$binary" | tr -d ' ')" in
  62) arch=amd64 ;;
  183) arch=arm64 ;;
  *) echo "build-oci-image.sh: $binary is not an x86-64 or AArch64 ELF binary" >&2; exit 2 ;;
esac
epoch=${SOURCE_DATE_EPOCH:-0}
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
layout=$work/layout; bundle=$work/bundle

umoci init --layout "$layout"
umoci new --image "$layout:$tag"
umoci unpack --image "$layout:$tag" "$bundle" >/dev/null
rootfs=$bundle/rootfs
install -D -m 0755 "$binary" "$rootfs/app/route-fix"
# The loader and every library the binary needs, at the paths the binary asks for.
ldd "$binary" | awk '/=> \//{print $3} /^[ \t]*\/.*ld-linux/{print $1}' | while read -r lib; do
  install -D -m 0755 "$(readlink -f "$lib")" "$rootfs$lib"
done
find "$rootfs" -exec touch -h -d "@$epoch" {} +
umoci repack --no-history --image "$layout:$tag" "$bundle" >/dev/null
umoci config --no-history --image "$layout:$tag" --created "$created" --os linux --architecture "$arch" \
  --config.entrypoint /app/route-fix --config.workingdir /app/ --config.user 0:0 \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.label org.opencontainers.image.title=route-fix --config.label "org.opencontainers.image.version=$tag"
umoci gc --layout "$layout"
find "$layout" -exec touch -h -d "@$epoch" {} +
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner -C "$layout" -cf "$output" .
