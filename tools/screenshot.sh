#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes a screenshot of the app on its own X server.
#
#   tools/screenshot.sh [-b BINARY] [-l ja|en] [-s WxH] [-p PAGE]
#                       [-w SECONDS] OUT.png
#
# Starts `Xvfb :N -screen 0 WxHx24` on a free display, runs the app there
# (build/src/yorisoi unless -b says otherwise) with the schemas and
# translations of the build tree, as tools/dev.sh run does, in the given
# language and at the screen's size (--window-size: there is no window
# manager to maximise it), on the given page (--page), waits until the
# window is mapped at that size and has drawn, and saves the screen with
# ImageMagick's `import -window root`. Extra arguments for the app can be
# given after `--`.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${YRS_BUILD_DIR:-build}
binary=
lang=ja
size=1280x800
page=
settle=1.5
out=

usage() {
  sed -n '4,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while getopts "b:l:s:p:w:h" opt; do
  case $opt in
    b) binary=$OPTARG ;;
    l) lang=$OPTARG ;;
    s) size=$OPTARG ;;
    p) page=$OPTARG ;;
    w) settle=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
out=${1:-}
[ -n "$out" ] || usage
shift
[ "${1:-}" = "--" ] && shift

[[ $size =~ ^([0-9]+)x([0-9]+)$ ]] || { echo "size must be WxH: $size" >&2; exit 2; }
width=${BASH_REMATCH[1]}
height=${BASH_REMATCH[2]}
binary=${binary:-$top/$build/src/yorisoi}
# The binary's own build tree holds its schemas and translations.
bindir=$(cd "$(dirname "$binary")/.." && pwd)
[ -x "$binary" ] || { echo "no binary at $binary (build first)" >&2; exit 1; }

for tool in Xvfb xwininfo import convert dbus-run-session; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run tools/dev.sh deps" >&2; exit 1; }
done

tmp=$(mktemp -d)
xvfb_pid=
app_pid=
# The app runs in a process group of its own (setsid), with its D-Bus
# daemon: the whole group goes, then the X server.
cleanup() {
  if [ -n "$app_pid" ]; then
    kill -TERM -- "-$app_pid" 2>/dev/null || true
  fi
  if [ -n "$xvfb_pid" ]; then
    kill -TERM "$xvfb_pid" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# Xvfb picks a free display :N itself and tells us which (-displayfd), so
# several of these can run at once.
Xvfb -displayfd 3 -screen 0 "${width}x${height}x24" -nolisten tcp \
  3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
display=
for _ in $(seq 100); do
  display=$(head -n1 "$tmp/display" 2>/dev/null || true)
  [ -n "$display" ] && break
  sleep 0.05
done
[ -n "$display" ] || { cat "$tmp/xvfb.log" >&2; exit 1; }
display=:$display
xwininfo -display "$display" -root >/dev/null 2>&1 || { cat "$tmp/xvfb.log" >&2; exit 1; }

app_args=(--language "$lang" --window-size "${width}x${height}")
[ -n "$page" ] && app_args+=(--page "$page")

setsid env DISPLAY="$display" GDK_BACKEND=x11 \
    GSETTINGS_SCHEMA_DIR="$bindir/data" GSETTINGS_BACKEND=memory \
    YRS_LOCALEDIR="$bindir/po" NO_AT_BRIDGE=1 GTK_A11Y=none \
    XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
    XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache" \
    dbus-run-session -- "$binary" "${app_args[@]}" "$@" >"$tmp/app.log" 2>&1 &
app_pid=$!

# Wait for a mapped top-level window of the screen's size.
mapped=
for _ in $(seq 200); do
  if xwininfo -display "$display" -root -tree 2>/dev/null |
       grep -Eq " ${width}x${height}\+0\+0 "; then
    mapped=1
    break
  fi
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "the app exited:" >&2
    cat "$tmp/app.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$mapped" ]; then
  echo "no ${width}x${height} window appeared; windows:" >&2
  xwininfo -display "$display" -root -tree >&2
  cat "$tmp/app.log" >&2
  exit 1
fi

# Let the page transitions finish and the frame be drawn; on a busy
# machine the first frame can come late, so an all-black capture (a mapped
# window not yet painted) is taken again.
sleep "$settle"
for _ in $(seq 40); do
  import -display "$display" -window root "$out"
  sd=$(convert "$out" -format '%[fx:standard_deviation]' info:)
  [ "$sd" != 0 ] && break
  sleep 0.5
done
[ "$sd" != 0 ] || { echo "the window never drew anything" >&2; cat "$tmp/app.log" >&2; exit 1; }
echo "$out: ${width}x${height}, $lang${page:+, page $page}"
