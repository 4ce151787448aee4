#!/usr/bin/env bash
# Installs the built bundle for the current user: the program under ~/.local/opt, a launcher
# in ~/.local/bin, the .desktop entry and the icon set (hicolor theme). No root needed.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
src="$here/dist/ipt-desktop"
[ -x "$src/ipt-desktop" ] || { echo "Build the bundle first: make bundle" >&2; exit 2; }
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$prefix/applications"
rm -rf "$HOME/.local/opt/ipt-desktop"
cp -a "$src" "$HOME/.local/opt/ipt-desktop"
ln -sf "$HOME/.local/opt/ipt-desktop/ipt-desktop" "$HOME/.local/bin/ipt-desktop"
for size in 16 24 32 48 64 128 256 512; do
  dir="$prefix/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  cp "$here/resources/icons/app/ipt-desktop-$size.png" "$dir/ipt-desktop.png"
done
mkdir -p "$prefix/icons/hicolor/scalable/apps"
cp "$here/resources/icons/app/ipt-desktop.svg" "$prefix/icons/hicolor/scalable/apps/ipt-desktop.svg"
cp "$here/build/ipt-desktop.desktop" "$prefix/applications/ipt-desktop.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
echo "Installed. Start IPT Desktop from your applications menu or run: ipt-desktop"
