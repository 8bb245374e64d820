#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the whole tree with AddressSanitizer and UndefinedBehaviorSanitizer
# in its own build dir and runs the whole suite there, every finding fatal.
# Ends, like tools/dev.sh test, with the line "N passed, N failed".
#
#   tools/sanitize.sh [meson test arguments, e.g. --suite unit]
#
# YRS_ASAN_BUILD_DIR picks the build dir (default: build-asan).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${YRS_ASAN_BUILD_DIR:-build-asan}

if [ ! -f "$build/build.ninja" ]; then
  # b_lundef=false: the sanitizer runtimes resolve some symbols at run time.
  meson setup "$build" --buildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false
fi
meson compile -C "$build"

# Findings are fatal: ASan stops at the first error, UBSan too (the checks
# are compiled recoverable, halt_on_error makes them abort), LeakSanitizer
# fails the test at exit. tests/lsan.supp names, with a reason each, the
# libraries' own one-time allocations that are never freed by design.
#
# The unwinder for malloc stacks is chosen test by test (the --wrapper
# below, tools/asan-unwinder.sh): the slow one (fast_unwind_on_malloc=0)
# for the GTK programs and the scripts that start the app, the fast one for
# our GTK-free test programs. Debian's GLib, GTK, pango and fontconfig have
# no frame pointers, so the fast unwinder stops every allocation's stack at
# g_malloc, and no suppression can see which library's by-design block it
# is (the kiosk's and tablet's "leaks" were fontconfig's through pango,
# ui-journey's GLib's first quark block). The slow unwinder sees the whole
# stack; it makes the GUI tests about 2-4 times slower (kiosk 23 s -> 59 s,
# ui-journey 37 s -> 129 s on the shared machine), and the GTK-free ones
# too (flows/visit-list 48 s with the fast one, 204 s with the slow one,
# both at a load of 12-14 on the shared machine), where it is not needed:
# our code
# has frame pointers (b_sanitize adds -fno-omit-frame-pointer), and a
# shorter stack can only make a suppression match less, never hide a leak.
# A fast_unwind_on_malloc in your own ASAN_OPTIONS wins over the wrapper.
case "${ASAN_OPTIONS:-}" in
  *fast_unwind_on_malloc=*) export YRS_ASAN_UNWIND_FIXED=1 ;;
esac
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:exitcode=1:detect_leaks=1:detect_stack_use_after_return=0:strict_string_checks=1:check_initialization_order=1:fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# GLib 2.74's slice allocator would hide blocks from ASan.
export G_SLICE=always-malloc
# GDK opens a GL context on the display even for the cairo renderer, which
# loads Mesa's llvmpipe driver; Mesa dlclose()s it at exit, before
# LeakSanitizer reports, so the driver's one-time allocations show up as
# leaks from "<unknown module>" that no suppression can name. Yorisoi draws
# nothing with GL itself; the normal pass (tools/dev.sh test) keeps GL on.
export GDK_DEBUG=gl-disable${GDK_DEBUG:+,$GDK_DEBUG}

# The ui suite's AT-SPI checks (tests/ui/atspi-tree.py) drive the app
# from Python with the journeys' harness, whose waits (30 s each by
# default) are set for a plain build: the ASan app took 24-37 s to put its
# window in the accessibility tree on the shared machine. Its waits get
# the same margin as meson's timeouts.
export YRS_E2E_TIMEOUT=${YRS_E2E_TIMEOUT:-180}

# With a --wrapper, meson names its logs testlog-<wrapper>.* (--logbase
# does not change that); the count below and tools/dev.sh read
# testlog.json, so they are renamed after the run.
rm -f "$build"/meson-logs/testlog-asan-unwinder.sh.*
status=0
xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- \
  meson test -C "$build" --print-errorlogs --timeout-multiplier 6 \
    --wrapper "$top/tools/asan-unwinder.sh" "$@" || status=$?
for ext in json txt junit.xml; do
  if [ -f "$build/meson-logs/testlog-asan-unwinder.sh.$ext" ]; then
    mv -f "$build/meson-logs/testlog-asan-unwinder.sh.$ext" "$build/meson-logs/testlog.$ext"
  fi
done

python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if line.strip():
            r = json.loads(line).get("result", "")
            if r in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif r == "SKIP":
                skipped += 1
            else:
                failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
