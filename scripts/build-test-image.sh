#!/usr/bin/env bash
# Build the tiny image integration and end-to-end tests run: berth-test/busybox:latest, made with
# `docker import` from a rootfs holding the host's static busybox (Debian: busybox-static).
# No registry is needed. Idempotent: does nothing when the image exists with the current
# definition (label berth.test.image-version); FORCE=1 rebuilds.
set -euo pipefail

IMAGE=berth-test/busybox:latest
# Bump when the rootfs below changes, so existing machines rebuild once.
IMAGE_VERSION=2

# REQUIRED: what tests rely on. The rest is linked when this busybox has the applet.
REQUIRED=(sh ls cat echo sleep top ps yes seq head tail wc stty env id)
APPLETS=("${REQUIRED[@]}"
  printf true false date mkdir rm touch grep kill
  cp mv ln pwd rmdir chmod basename dirname readlink test '[' '[[' expr which uname hostname whoami
  sed awk tr cut sort uniq tee xargs find du df dd od stat mktemp timeout nproc free uptime
  nc wget httpd ip ifconfig nslookup ping netstat vi less more tar gzip gunzip md5sum sha256sum
  killall pidof usleep base64 diff clear reset tty)

DOCKER=${DOCKER:-docker}

log() { printf 'build-test-image: %s\n' "$*" >&2; }

if ! "$DOCKER" info >/dev/null 2>&1; then
  log "the container engine is not reachable (is dockerd running?)"
  exit 1
fi

if [[ "${FORCE:-0}" != 1 ]] &&
  current=$("$DOCKER" image inspect --format '{{ index .Config.Labels "berth.test.image-version" }}' "$IMAGE" 2>/dev/null) &&
  [[ "$current" == "$IMAGE_VERSION" ]]; then
  exit 0
fi

busybox=${BUSYBOX:-}
if [[ -z "$busybox" ]]; then
  for candidate in /bin/busybox /usr/bin/busybox; do
    if [[ -x "$candidate" ]]; then busybox=$candidate; break; fi
  done
fi
if [[ -z "$busybox" ]]; then
  log "no busybox binary found (Debian: apt-get install -y busybox-static)"
  exit 1
fi
# A dynamically linked busybox would not run in an image without libc.
if command -v ldd >/dev/null 2>&1 && ldd "$busybox" >/dev/null 2>&1; then
  log "$busybox is dynamically linked; install the static one (apt-get install -y busybox-static)"
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/berth-rootfs.XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/root" "$rootfs/tmp" "$rootfs/var/www"
chmod 1777 "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"

available=" $("$busybox" --list | tr '\n' ' ') "
for applet in "${APPLETS[@]}"; do
  if [[ "$available" == *" $applet "* ]]; then
    ln -s busybox "$rootfs/bin/$applet"
  fi
done
for required in "${REQUIRED[@]}"; do
  if [[ ! -e "$rootfs/bin/$required" ]]; then
    log "$busybox lacks the required applet '$required'"
    exit 1
  fi
done

cat >"$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$rootfs/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF

tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -c . |
  "$DOCKER" import \
    --change 'ENV PATH=/bin' \
    --change 'CMD ["sh"]' \
    --change "LABEL berth.test.image-version=$IMAGE_VERSION" \
    --message "berth test image (busybox rootfs)" \
    - "$IMAGE" >/dev/null

log "built $IMAGE"
