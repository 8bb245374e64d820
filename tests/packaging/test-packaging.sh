#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Issue 19 §4: the Debian packages, from this tree.
#   test-packaging.sh SOURCE_ROOT
#
# 1. dpkg-buildpackage -b -uc -us in a scratch copy of the tree (so the
#    tree and its build directories stay as they were, and the .debs land
#    in the scratch directory, not in the tree's parent);
# 2. lintian: no errors; the warnings are printed (README lists them);
# 3. apt-get install ./…deb on this machine, with a policy-rc.d that lets
#    no service start (the kiosk must not take tty1 of a CI machine), then
#    the installed /usr/bin/yorisoi --version and /usr/bin/yorisoi-server
#    --help, the installed desktop file and metainfo in Japanese, the
#    kiosk's unit (systemd-analyze verify), user and locked settings;
# 4. apt-get purge of the three packages, always (trap), so the suites
#    that run after this one see the machine as before: no installed
#    schema beside the build's GSETTINGS_SCHEMA_DIR, no kiosk user.
#
# Needs root and apt (CI runs the suite as root on a fresh machine); skips
# (exit 77) otherwise. TAP output.
set -uo pipefail

top=$(cd "$1" && pwd)
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { local name=$1; shift; if "$@" >/tmp/yrs-pkg-check.$$ 2>&1; then ok "$name"; else not_ok "$name" "$(tail -n 20 /tmp/yrs-pkg-check.$$)"; fi; }

if [ "$(id -u)" != 0 ] || ! command -v dpkg-buildpackage >/dev/null || ! command -v apt-get >/dev/null; then
  echo "1..0 # SKIP needs root, dpkg-buildpackage and apt-get"
  exit 77
fi
for tool in dh lintian; do
  if ! command -v "$tool" >/dev/null; then
    echo "1..0 # SKIP $tool is not installed (tools/dev.sh deps)"
    exit 77
  fi
done

scratch=$(mktemp -d /tmp/yorisoi-packaging.XXXXXX)
policy_made=
cleanup() {
  if dpkg-query -W -f='${Status}\n' yorisoi yorisoi-server yorisoi-kiosk 2>/dev/null | grep -q 'ok installed'; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -q yorisoi yorisoi-kiosk yorisoi-server >"$scratch/purge.log" 2>&1 || true
  fi
  [ -n "$policy_made" ] && rm -f /usr/sbin/policy-rc.d
  rm -rf "$scratch" /tmp/yrs-pkg-check.$$
}
trap cleanup EXIT

echo "1..17"

# 1. Build in a scratch copy of the tracked and new files (no build dirs).
mkdir -p "$scratch/src"
(cd "$top" && git ls-files --cached --others --exclude-standard -z | xargs -0 cp --parents -t "$scratch/src")
export YRS_VCS_VERSION
YRS_VCS_VERSION=$(sh "$top/tools/version.sh" "$(sed -n 's/^yorisoi (\([^)]*\)).*/\1/p;q' "$top/debian/changelog")" "$top" 2>/dev/null || echo "")
[ -n "$YRS_VCS_VERSION" ] || unset YRS_VCS_VERSION
start=$(date +%s)
if (cd "$scratch/src" && DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" dpkg-buildpackage -b -uc -us) >"$scratch/build.log" 2>&1; then
  ok "dpkg-buildpackage -b -uc -us ($(( $(date +%s) - start )) s)"
else
  not_ok "dpkg-buildpackage -b -uc -us" "$(tail -n 30 "$scratch/build.log")"
  exit 1
fi
debs=("$scratch"/yorisoi_*.deb "$scratch"/yorisoi-server_*.deb "$scratch"/yorisoi-kiosk_*.deb)
check "three packages: yorisoi, yorisoi-server, yorisoi-kiosk" \
  test -f "$(ls "$scratch"/yorisoi_*.deb)" -a -f "$(ls "$scratch"/yorisoi-server_*.deb)" -a -f "$(ls "$scratch"/yorisoi-kiosk_*.deb)"

# 2. lintian: errors fail, warnings are listed.
lintian --tag-display-limit 0 "$scratch"/*.changes >"$scratch/lintian.log" 2>&1 || true
sed 's/^/# lintian: /' "$scratch/lintian.log"
if grep -q '^E: ' "$scratch/lintian.log"; then
  not_ok "lintian: no errors" "$(grep '^E: ' "$scratch/lintian.log")"
else
  ok "lintian: no errors ($(grep -c '^W: ' "$scratch/lintian.log") warnings)"
fi

# 3. Install, with no service started.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  policy_made=1
fi
if DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${debs[@]}" >"$scratch/install.log" 2>&1; then
  ok "apt-get install ./yorisoi*.deb"
else
  not_ok "apt-get install ./yorisoi*.deb" "$(tail -n 30 "$scratch/install.log")"
  exit 1
fi

version=$(/usr/bin/yorisoi --version 2>&1)
if [ -n "${YRS_VCS_VERSION:-}" ] && [ "$version" = "yorisoi $YRS_VCS_VERSION" ] || [ -z "${YRS_VCS_VERSION:-}" ] && [[ "$version" == "yorisoi "* ]]; then
  ok "installed /usr/bin/yorisoi --version: $version"
else
  not_ok "installed /usr/bin/yorisoi --version" "got: $version" "expected: yorisoi ${YRS_VCS_VERSION:-…}"
fi
check "installed /usr/bin/yorisoi-server --help" sh -c '/usr/bin/yorisoi-server --help | grep -q -- --port'
check "installed desktop file and metainfo carry the Japanese strings" \
  python3 "$top/tests/data/check-translated.py" /usr/share/applications/org.yorisoi.Yorisoi.desktop \
          /usr/share/metainfo/org.yorisoi.Yorisoi.metainfo.xml
check "installed icons: scalable and symbolic" \
  test -f /usr/share/icons/hicolor/scalable/apps/org.yorisoi.Yorisoi.svg -a \
       -f /usr/share/icons/hicolor/symbolic/apps/org.yorisoi.Yorisoi-symbolic.svg
check "systemd-analyze verify yorisoi-server.service" \
  systemd-analyze verify /lib/systemd/system/yorisoi-server.service
check "the server unit is enabled (not started)" \
  test -L /etc/systemd/system/multi-user.target.wants/yorisoi-server.service
check "the server's user exists (sysusers)" getent passwd yorisoi
check "the example server.conf is in the package's doc" sh -c '
  dpkg -L yorisoi-server | grep -q "/examples/server.conf.example"'
check "systemd-analyze verify yorisoi-kiosk.service" \
  systemd-analyze verify /lib/systemd/system/yorisoi-kiosk.service
check "the kiosk unit runs cage -- yorisoi as yorisoi-kiosk on tty1, restarting always, enabled" sh -c '
  u=/lib/systemd/system/yorisoi-kiosk.service
  grep -qx "ExecStart=/usr/bin/cage -- /usr/bin/yorisoi" $u && grep -qx "User=yorisoi-kiosk" $u &&
  grep -qx "TTYPath=/dev/tty1" $u && grep -qx "Restart=always" $u &&
  test -L /etc/systemd/system/graphical.target.wants/yorisoi-kiosk.service'
check "the kiosk user exists with a private home" sh -c '
  getent passwd yorisoi-kiosk >/dev/null && test "$(stat -c %U:%a /var/lib/yorisoi-kiosk)" = yorisoi-kiosk:700'
check "kiosk settings: mode kiosk, locked; lock screen and blanking off, locked" sh -c '
  export DCONF_PROFILE=yorisoi-kiosk GSETTINGS_BACKEND=dconf XDG_CONFIG_HOME=$(mktemp -d)
  test "$(dconf read /org/yorisoi/Yorisoi/mode)" = "'"'"'kiosk'"'"'" &&
  test "$(gsettings get org.yorisoi.Yorisoi mode)" = "'"'"'kiosk'"'"'" &&
  test "$(gsettings writable org.yorisoi.Yorisoi mode)" = false &&
  test "$(dconf read /org/gnome/desktop/screensaver/lock-enabled)" = false &&
  test "$(dconf read /org/gnome/desktop/session/idle-delay)" = "uint32 0" &&
  dconf list /org/gnome/desktop/screensaver/ >/dev/null &&
  grep -qx /org/gnome/desktop/screensaver/lock-enabled /etc/dconf/db/yorisoi-kiosk.d/locks/00-yorisoi-kiosk'

# 4. Purge (also done by the trap on failure) and check it is all gone.
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q yorisoi yorisoi-kiosk yorisoi-server >"$scratch/purge.log" 2>&1
check "apt-get purge leaves no binary, schema, unit, settings or kiosk user" sh -c '
  ! test -e /usr/bin/yorisoi && ! test -e /usr/share/glib-2.0/schemas/org.yorisoi.Yorisoi.gschema.xml &&
  ! test -e /lib/systemd/system/yorisoi-kiosk.service && ! getent passwd yorisoi-kiosk >/dev/null &&
  ! test -e /etc/dconf/db/yorisoi-kiosk && ! test -e /etc/dconf/db/yorisoi-kiosk.d && ! test -e /var/lib/yorisoi-kiosk'

exit $failed
