#!/usr/bin/env bash
# Install (if needed), build and run Berth.
#   - as a desktop app when the Electron binary is available (or can be downloaded) and there is
#     a display;
#   - otherwise in browser mode: `node out/main/web.js` serves the app on 127.0.0.1, prints the
#     URL and opens a browser. Arguments are passed on (e.g. --port 8080 --no-open).
# BERTH_WEB=1 forces browser mode. Works in Git Bash on Windows.
# As root on Linux the desktop app is refused (Chromium's sandbox cannot run as root, and Berth
# never turns it off); browser mode runs as root.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'berth: %s\n' "$*" >&2; }

# ---- dependencies ----
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing dependencies (npm ci)"
  # Exactly what package-lock.json lists. Electron 45 fetches its binary on first use, and an
  # older one at install time: the ELECTRON_SKIP_BINARY_DOWNLOAD retry covers machines that cannot.
  if ! npm ci --no-audit --no-fund; then
    log "install failed; retrying without the Electron binary download (browser mode will still work)"
    ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
  fi
fi

# ---- build ----
log "building"
# The registries first (scripts/gen-registries.ts): a domain or feature just added is then in the build.
npx --no -- tsx scripts/gen-registries.ts
npx --no -- electron-vite build

# ---- pick a mode ----
has_display() {
  case "$(uname -s)" in
    Darwin | MINGW* | MSYS* | CYGWIN*) return 0 ;;
  esac
  [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]
}

# Prints the Electron executable if it is installed. Does not `require('electron')`, which would
# try to download the binary.
electron_binary() {
  node -e '
    const fs = require("fs"), path = require("path")
    const dir = path.dirname(require.resolve("electron/package.json"))
    const rel = fs.readFileSync(path.join(dir, "path.txt"), "utf8").trim()
    const exe = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(dir, "dist"), rel)
    if (!fs.existsSync(exe)) process.exit(1)
    process.stdout.write(exe)
  ' 2>/dev/null
}

is_linux_root() { [[ "$(uname -s)" == Linux && "$(id -u)" == 0 ]]; }

use_electron=0
if [[ "${BERTH_WEB:-0}" != 1 ]] && has_display; then
  if electron_binary >/dev/null; then
    use_electron=1
  elif is_linux_root; then
    log "no Electron binary, and the desktop app would not run as root anyway: starting in browser mode"
  elif [[ "${ELECTRON_SKIP_BINARY_DOWNLOAD:-0}" != 1 ]]; then
    log "downloading the Electron binary"
    dl=(node node_modules/electron/install.js)
    if command -v timeout >/dev/null 2>&1; then dl=(timeout 600 "${dl[@]}"); fi
    if "${dl[@]}" && electron_binary >/dev/null; then
      use_electron=1
    else
      log "could not download Electron; starting in browser mode instead"
    fi
  else
    log "no Electron binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1): starting in browser mode"
  fi
fi

if [[ $use_electron == 1 ]]; then
  if is_linux_root; then
    log "the desktop app does not run as root: its window would have to run without Chromium's sandbox."
    log "run npm start as your normal user, or use browser mode as root: BERTH_WEB=1 npm start"
    exit 1
  fi
  log "starting the desktop app"
  exec npx --no -- electron . "$@"
fi

if ! has_display; then log "no display found: starting in browser mode"; fi
exec node out/main/web.js "$@"
