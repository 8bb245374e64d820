#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the core and store unit tests (suite "unit") under valgrind's
# memcheck: any memory error or definite leak fails the test. Uses the
# GLib suppressions Debian ships.
#
#   tools/valgrind.sh [meson test arguments]
#
# YRS_BUILD_DIR picks the build dir (default: build).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${YRS_BUILD_DIR:-build}

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=debugoptimized
fi
meson compile -C "$build"

# GLib's suppressions as Debian ships them, and ours (tests/valgrind.supp,
# each entry explained there).
wrapper="valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1 --track-origins=yes --num-callers=30 --suppressions=/usr/share/glib-2.0/valgrind/glib.supp --suppressions=$top/tests/valgrind.supp"

# Plain malloc for every GLib allocation, so that valgrind sees each block.
export G_SLICE=always-malloc

status=0
meson test -C "$build" --suite unit --print-errorlogs --timeout-multiplier 20 \
  --wrapper "$wrapper" "$@" || status=$?

# meson names the log after the wrapper.
python3 - "$build/meson-logs/testlog-valgrind.json" <<'PY'
import json, sys
passed = failed = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if line.strip():
            r = json.loads(line).get("result", "")
            if r in ("OK", "EXPECTEDFAIL", "SKIP"):
                passed += 1
            else:
                failed += 1
print(f"{passed} passed, {failed} failed")
PY
exit $status
