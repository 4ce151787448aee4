#!/usr/bin/env bash
# Installs the few system libraries Qt needs on a bare Debian/Ubuntu machine (offscreen tests and
# the bundle smoke test). Does nothing when they are already present, so it is cheap on a
# developer machine and never needs root there.
set -euo pipefail
need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libEGL.so.1'        || need+=(libegl1)
have_lib 'libGL.so.1'         || need+=(libgl1)
have_lib 'libxkbcommon.so.0'  || need+=(libxkbcommon0)
have_lib 'libfontconfig.so.1' || need+=(libfontconfig1)
have_lib 'libdbus-1.so.3'     || need+=(libdbus-1-3)
have_lib 'libglib-2.0.so.0'   || need+=(libglib2.0-0)
command -v objdump >/dev/null || need+=(binutils)   # PyInstaller's binary dependency analysis
command -v cc >/dev/null      || need+=(gcc)        # assembles the bundle's trimmed ICU data library
command -v icupkg >/dev/null  || need+=(icu-devtools)  # tests/packaging reads that data back with ICU's tool
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -eq 0 ]; then
  echo "system libraries: all present"
  exit 0
fi
echo "installing system libraries: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
