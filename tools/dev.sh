#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One entry point for a fresh Debian 12 machine:
#   tools/dev.sh run    install what is missing, build, start a local
#                       reference server with demo data, and the app
#   tools/dev.sh test   install what is missing, build, run the whole suite
#                       and end with the line "N passed, N failed"
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${YRS_BUILD_DIR:-build}

sudo=
if [ "$(id -u)" != 0 ]; then sudo=sudo; fi

# Everything the build, the app and the tests need, from Debian 12.
packages=(
  build-essential meson ninja-build pkg-config gettext appstream
  desktop-file-utils libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev
  libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsqlite3-dev
  libsodium-dev libqrencode-dev sqlite3 python3
  xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi python3-gi
  gir1.2-atspi-2.0 imagemagick fonts-noto-cjk fonts-noto-color-emoji
  adwaita-icon-theme valgrind clang libclang-rt-14-dev
  poppler-utils x11-utils python3-jsonschema
  python3-yaml  # tests/integration/test-openapi-schema.py reads openapi.yaml
  python3-prometheus-client  # test-server-ops.py parses /metrics with it
  libsystemd-dev  # yorisoi-server tells systemd it is ready (Type=notify, sd_notify)
  cups printer-driver-cups-pdf
  libkkc-dev libkkc-data libgee-0.8-dev skkdic-extra libzinnia-dev
  tegaki-zinnia-japanese
)

install_deps() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    $sudo apt-get update -q
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

build_tree() {
  if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" --buildtype=debugoptimized
  fi
  meson compile -C "$build"
}

# Counts the results of the last `meson test` run in a build tree
# (default: the normal one).
summarize() {
  python3 - "${1:-$build}/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if not line:
            continue
        r = json.loads(line).get("result", "")
        if r in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r == "SKIP":
            skipped += 1
        else:
            failed += 1
print(passed, failed, skipped)
PY
}

# After the normal run, the suite again in a build with AddressSanitizer and
# UndefinedBehaviorSanitizer (tools/sanitize.sh, in build-asan): memory
# errors, undefined behaviour and leaks fail a test, and the last line
# counts both runs. YRS_SANITIZE=0 skips it. On a fresh clone on the 2-core
# machine (quiet, 16:20-16:43 UTC on 2026-11-27) the plain run took 7 min 13 s
# and the sanitizer pass 6 min 38 s, each with its build: 14 minutes in all,
# under the issue's 30. (Under a load average of 8-11 they took 23 and 11.5.)
# Left out of that pass, and only of it:
# - the e2e suite: Python drives the app over AT-SPI with timeouts set for
#   a plain build, and under ASan the app misses them; the same pages and
#   modes run in-process under ASan in the ui and integration suites, and
#   Python's and AT-SPI's own allocations are not ours to check.
# - the memory suite (kiosk-sessions): it asserts the growth of the RSS,
#   which under ASan is the allocator's quarantine of freed blocks and the
#   redzones, not the program (22 MiB against 1 MiB); and its 200 sessions
#   take 10 minutes there. The session code runs under ASan in the kiosk
#   test; tools/valgrind.sh checks the core and store for leaks.
asan_excluded=(--no-suite e2e --no-suite memory)

run_sanitized() {
  local asan_build=${YRS_ASAN_BUILD_DIR:-build-asan}

  # A stale log must not count if the sanitizer build fails.
  rm -f "$asan_build/meson-logs/testlog.json"
  bash tools/sanitize.sh "${asan_excluded[@]}" "$@"
}

run_tests() {
  local status=0 asan_status=0
  local passed failed skipped a_passed=0 a_failed=0 a_skipped=0
  xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- \
    meson test -C "$build" --print-errorlogs --timeout-multiplier 3 "$@" || status=$?
  read -r passed failed skipped < <(summarize)
  if [ "${YRS_SANITIZE:-1}" != 0 ]; then
    run_sanitized "$@" || asan_status=$?
    if [ -f "${YRS_ASAN_BUILD_DIR:-build-asan}/meson-logs/testlog.json" ]; then
      read -r a_passed a_failed a_skipped < <(summarize "${YRS_ASAN_BUILD_DIR:-build-asan}")
    else
      a_failed=1  # the sanitizer build itself failed
    fi
    echo "Plain build: $passed passed, $failed failed; ASan+UBSan build: $a_passed passed, $a_failed failed"
    passed=$((passed + a_passed))
    failed=$((failed + a_failed))
    skipped=$((skipped + a_skipped))
    if [ "$status" = 0 ]; then status=$asan_status; fi
  fi
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
  return $status
}

run_app() {
  export GSETTINGS_SCHEMA_DIR="$top/$build/data"
  export YRS_LOCALEDIR="$top/$build/po"
  # Without dconf, keep the settings in a key file in the user's config.
  if [ ! -e /usr/lib/x86_64-linux-gnu/gio/modules/libdconfsettings.so ]; then
    export GSETTINGS_BACKEND=keyfile
  fi
  local server_pid=
  if [ -x "$build/src/server/yorisoi-server" ]; then
    local state=${XDG_STATE_HOME:-$HOME/.local/state}/yorisoi-demo
    mkdir -p "$state"
    "$build/src/server/yorisoi-server" --port 0 --demo --db "$state/server.db" \
      > "$state/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 50); do
      grep -q '^listening on ' "$state/server.log" 2>/dev/null && break
      sleep 0.1
    done
    local url
    url=$(sed -n 's/^listening on //p' "$state/server.log" | head -n1)
    if [ -n "$url" ]; then
      gsettings set org.yorisoi.Yorisoi server-url "$url"
      echo "Reference server: $url (log: $state/server.log)"
    fi
    trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null' EXIT
  fi
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "No display: starting the app under Xvfb (a 1920x1080 screen on a free display)."
    xvfb-run -a -s "-screen 0 1920x1080x24" "$build/src/yorisoi" "$@"
  else
    "$build/src/yorisoi" "$@"
  fi
}

cmd=${1:-}
shift || true
case "$cmd" in
  run) install_deps; build_tree; run_app "$@" ;;
  test) install_deps; build_tree; run_tests "$@" ;;
  deps) install_deps ;;
  *) echo "usage: $0 run|test|deps" >&2; exit 2 ;;
esac
