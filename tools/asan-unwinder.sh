#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The `meson test --wrapper` of tools/sanitize.sh: picks ASan's unwinder
# for malloc stacks, test by test, then runs the test.
#
# The slow unwinder (fast_unwind_on_malloc=0) is needed only where
# tests/lsan.supp must see below a library without frame pointers: the
# GTK programs (GLib's quark block under _dl_init, fontconfig through
# pango). It makes them 2-4 times slower. A test program of ours that does
# not link GTK 4 (core, store, sync, flows, api, the server and its
# clients) gets the fast unwinder: our code is built with frame pointers,
# and a shorter stack can only make a suppression match less, never more,
# so nothing is hidden by it (a GLib block of such a test would show as an
# unsuppressed leak, cut at g_malloc; then run it with
# ASAN_OPTIONS=fast_unwind_on_malloc=0 to see the whole stack).
# Anything else (a script: Python driving the app over AT-SPI, a shell
# test) keeps the slow unwinder, as the app it starts links GTK.
set -euo pipefail

if [ -n "${YRS_ASAN_UNWIND_FIXED:-}" ]; then
  exec "$@"
fi

unwind=0
for arg in "$@"; do
  # The first program of the build tree on the command line is the test
  # (meson may put /usr/bin/env or an interpreter before it).
  case "$arg" in
    "${MESON_BUILD_ROOT:-/nonexistent}"/*|*/tests/*) ;;
    *) continue ;;
  esac
  [ -f "$arg" ] && [ -x "$arg" ] || continue
  readelf -h "$arg" >/dev/null 2>&1 || break  # a script: slow
  if ! readelf -d "$arg" 2>/dev/null | grep -q 'NEEDED.*libgtk-4'; then
    unwind=1
  fi
  break
done

export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=$unwind"
exec "$@"
