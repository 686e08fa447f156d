#!/usr/bin/env bash
# Make this machine ready for Berth's integration and end-to-end tests (Debian/Ubuntu):
#   - installs what is missing of docker.io busybox-static chromium docker-registry apache2-utils
#     openssh-server (an ssh:// engine test runs its own sshd)
#   - starts the container engine if `docker info` does not answer, waiting up to 60 s
#   - builds the berth-test/busybox image (scripts/build-test-image.sh)
# Idempotent and silent when everything is already there. Runs as root, or uses sudo.
# REQUIRE_ENGINE=1: exit non-zero when the engine (or the test tooling) cannot be made available;
# otherwise warn and exit 0 so engine-backed tests can skip.
set -euo pipefail
cd "$(dirname "$0")/.."

REQUIRE_ENGINE=${REQUIRE_ENGINE:-0}
TMP=${TMPDIR:-/tmp}
DOCKERD_LOG=$TMP/berth-dockerd.log

log() { printf 'prepare-test-env: %s\n' "$*" >&2; }
# A problem that breaks engine-backed or browser tests: fatal under REQUIRE_ENGINE=1,
# otherwise a warning (the tests concerned skip).
problem() {
  if [[ "$REQUIRE_ENGINE" == 1 ]]; then
    log "ERROR: $*"
    exit 1
  fi
  log "WARNING: $* (the tests that need it will be skipped; REQUIRE_ENGINE=1 makes this an error)"
}
# The same, and nothing further can be done without an engine.
fail_or_warn() {
  problem "$@"
  exit 0
}
mkdir -p "$TMP"

SUDO=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  fi
fi
as_root() {
  if [[ "$(id -u)" == 0 || ${#SUDO[@]} -gt 0 ]]; then
    ${SUDO[@]+"${SUDO[@]}"} "$@"
  else
    log "need root for: $* (not root and no sudo)"
    return 1
  fi
}

have() { command -v "$1" >/dev/null 2>&1; }
engine_up() { docker info >/dev/null 2>&1; }
static_busybox() {
  local b
  for b in "${BUSYBOX:-}" /bin/busybox /usr/bin/busybox; do
    [[ -n "$b" && -x "$b" ]] || continue
    # ldd fails on a static binary
    if ! have ldd || ! ldd "$b" >/dev/null 2>&1; then return 0; fi
  done
  return 1
}

# ---- packages ----
missing=()
if ! have docker || { ! have dockerd && ! engine_up; }; then missing+=(docker.io); fi
if ! static_busybox; then missing+=(busybox-static); fi
if ! have chromium && [[ ! -x /usr/bin/chromium ]]; then missing+=(chromium); fi
if ! have docker-registry; then missing+=(docker-registry); fi
if ! have htpasswd; then missing+=(apache2-utils); fi
if [[ ! -x /usr/sbin/sshd ]] || ! have ssh-agent; then missing+=(openssh-server); fi

if [[ ${#missing[@]} -gt 0 ]]; then
  if ! have apt-get; then
    problem "missing ${missing[*]} and apt-get is not available: install them (or their equivalents) by hand"
  else
    log "installing ${missing[*]} (log: $TMP/berth-apt.log)"
    export DEBIAN_FRONTEND=noninteractive
    if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >"$TMP/berth-apt.log" 2>&1; then
      tail -n 20 "$TMP/berth-apt.log" >&2 || true
      problem "could not install ${missing[*]} with apt-get"
    fi
    # Debian's docker-registry package starts a registry on :5000; the tests run their own.
    # Nor is the system's sshd needed: the ssh test starts its own on a free port.
    if [[ " ${missing[*]} " == *" openssh-server "* ]] && have systemctl &&
      systemctl is-active --quiet ssh 2>/dev/null; then
      as_root systemctl disable --now ssh >/dev/null 2>&1 || true
    fi
    if [[ " ${missing[*]} " == *" docker-registry "* ]] && have systemctl &&
      systemctl is-active --quiet docker-registry 2>/dev/null; then
      as_root systemctl disable --now docker-registry >/dev/null 2>&1 || true
    fi
  fi
fi

# ---- engine ----
if ! engine_up; then
  if [[ "$(id -u)" != 0 && -S /var/run/docker.sock ]] && have sudo && sudo -n docker info >/dev/null 2>&1; then
    fail_or_warn "dockerd runs but $(id -un) cannot use /var/run/docker.sock: sudo usermod -aG docker $(id -un), then log in again"
  fi
  if have systemctl && [[ -d /run/systemd/system ]]; then
    as_root systemctl start docker >/dev/null 2>&1 || true
  fi
fi
if ! engine_up; then
  if [[ -n "${DOCKER_HOST:-}" ]]; then
    fail_or_warn "DOCKER_HOST=$DOCKER_HOST does not answer \`docker info\`"
  fi
  if ! have dockerd; then
    fail_or_warn "no container engine answers and dockerd is not installed"
  fi
  log "starting dockerd (log: $DOCKERD_LOG)"
  # setsid + nohup: dockerd outlives this script and the test run.
  start=(nohup setsid dockerd)
  if [[ "$(id -u)" != 0 ]]; then
    if [[ ${#SUDO[@]} -eq 0 ]]; then fail_or_warn "dockerd needs root: run as root or install sudo"; fi
    start=("${SUDO[@]}" "${start[@]}")
  fi
  "${start[@]}" >"$DOCKERD_LOG" 2>&1 </dev/null &
  dockerd_pid=$!
  for _ in $(seq 1 120); do
    if engine_up; then break; fi
    if ! kill -0 "$dockerd_pid" 2>/dev/null; then
      # exited: either it failed, or another dockerd already owns the socket and is starting
      if ! pgrep -x dockerd >/dev/null 2>&1; then break; fi
    fi
    sleep 0.5
  done
  if ! engine_up; then
    tail -n 20 "$DOCKERD_LOG" >&2 2>/dev/null || true
    if kill -0 "$dockerd_pid" 2>/dev/null; then
      fail_or_warn "dockerd did not answer within 60 s (see $DOCKERD_LOG)"
    fi
    fail_or_warn "dockerd exited without starting (see $DOCKERD_LOG)"
  fi
fi

# ---- test image ----
if ! bash scripts/build-test-image.sh; then
  fail_or_warn "could not build the berth-test/busybox image"
fi
