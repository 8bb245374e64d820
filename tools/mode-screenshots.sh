#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Screenshots of the device-mode screens (kiosk countdown, tablet sign-in,
# lock screen, outbox page, settings window) in both languages, drawn by
# GTK on an Xvfb screen of 1280x800 into data/screenshots/:
#
#   tools/mode-screenshots.sh [OUT_DIR]
#
# On a loaded machine a page's crossfade may still be under way when a
# screen is taken: YRS_SHOT_SETTLE=3000 waits 3 s (800 ms by default).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${YRS_BUILD_DIR:-build}
out=${1:-$top/data/screenshots}
bin=$top/$build/tests/integration/yrs-mode-shots
[ -x "$bin" ] || { echo "no $bin (build first)" >&2; exit 1; }
mkdir -p "$out"

for lang in ja en; do
  GSETTINGS_SCHEMA_DIR="$top/$build/data" GSETTINGS_BACKEND=memory \
  YRS_LOCALEDIR="$top/$build/po" NO_AT_BRIDGE=1 \
    xvfb-run -a -s "-screen 0 1280x800x24" "$bin" "$lang" "$out"
done
