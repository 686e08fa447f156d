#!/usr/bin/env bash
# Regenerate the app icon PNGs from resources/icon.svg.
# Needs rsvg-convert (Debian: apt-get install -y librsvg2-bin; macOS: brew install librsvg).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v rsvg-convert >/dev/null 2>&1; then
  echo "render-icons: rsvg-convert not found (apt-get install -y librsvg2-bin)" >&2
  exit 1
fi

src=resources/icon.svg
mkdir -p resources/icons build
for n in 16 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$n" --height "$n" --keep-aspect-ratio "$src" --output "resources/icons/${n}x${n}.png"
done
cp resources/icons/1024x1024.png build/icon.png
# The window icon src-main loads at runtime (out/main/../../resources/icon.png).
cp resources/icons/512x512.png resources/icon.png
mkdir -p src-renderer/public
cp "$src" src-renderer/public/favicon.svg
echo "render-icons: wrote resources/icons/*.png, resources/icon.png, build/icon.png, src-renderer/public/favicon.svg"
