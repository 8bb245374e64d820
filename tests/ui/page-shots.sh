#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Screenshots of the journey's pages (wizard, results, form, review,
# receipt, reservation) in Japanese and English at 1920x1080, 1280x800 and
# 1080x1920, drawn by GTK into data/screenshots/:
#
#   tests/ui/page-shots.sh [BUILD_DIR]      (default: build)
#
# YRS_SHOT_ONLY=<name> takes only one of them (see yrs-page-shots.c).
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
out=$top/data/screenshots

ninja -C "$build" tests/ui/yrs-page-shots >/dev/null
mkdir -p "$out"

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=$build/data
export YRS_LOCALEDIR=$build/po
export NO_AT_BRIDGE=1
export GTK_A11Y=none

xvfb-run -a -s "-screen 0 1920x1920x24" dbus-run-session -- \
  "$build/tests/ui/yrs-page-shots" "$out" |
while read -r png; do
  # A 256-colour palette without dithering: text stays sharp, the file small.
  convert "$png" +dither -colors 256 "PNG8:$png"
  echo "$png"
done
