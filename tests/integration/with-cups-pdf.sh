#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a test program with a private CUPS scheduler that has one queue,
# "YorisoiPDF", on Debian's cups-pdf backend (printer-driver-cups-pdf).
# Nothing of the machine's own CUPS set-up is used or changed: the
# scheduler's configuration, spool and socket live in a temporary
# directory, and the test finds it through CUPS_SERVER. cups-pdf writes
# the PDF to the submitting user's ~/PDF (YRS_TEST_PDF_DIR).
#
# cupsd must run as root to run the cups-pdf backend (mode 0700): CI does
# (.ci/run on a fresh machine); elsewhere the test is skipped, saying why.
set -euo pipefail

skip() { echo "1..0 # SKIP $*"; exit 0; }

[ "$(id -u)" = 0 ] || skip "cupsd with the cups-pdf backend needs root"
command -v cupsd >/dev/null || skip "cupsd is missing (tools/dev.sh deps installs cups)"
command -v lpadmin >/dev/null || skip "lpadmin is missing (tools/dev.sh deps installs cups)"
[ -x /usr/lib/cups/backend/cups-pdf ] || skip "cups-pdf is missing (tools/dev.sh deps installs printer-driver-cups-pdf)"
ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
[ -r "$ppd" ] || skip "$ppd is missing"

dir=$(mktemp -d /tmp/yrs-cups-XXXXXX)
mkdir -p "$dir/spool/tmp" "$dir/cache" "$dir/state" "$dir/log"
cat > "$dir/cupsd.conf" <<CONF
Listen $dir/cups.sock
LogLevel warn
WebInterface No
Browsing No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
cat > "$dir/cups-files.conf" <<CONF
ServerRoot $dir
RequestRoot $dir/spool
TempDir $dir/spool/tmp
CacheDir $dir/cache
StateDir $dir/state
ErrorLog $dir/log/error_log
AccessLog $dir/log/access_log
PageLog $dir/log/page_log
SystemGroup root
CONF

cupsd -f -c "$dir/cupsd.conf" -s "$dir/cups-files.conf" > "$dir/log/cupsd.out" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

for _ in $(seq 100); do
  [ -S "$dir/cups.sock" ] && break
  sleep 0.1
done
[ -S "$dir/cups.sock" ] || { echo "Bail out! cupsd did not start:"; cat "$dir/log/"*; exit 1; }

# poppler's pdftops keeps the text of GTK's PDF readable through
# cups-pdf's Ghostscript pass (the default renderer draws it as outlines).
lpadmin -h "$dir/cups.sock" -p YorisoiPDF -v cups-pdf:/ -E -P "$ppd" \
  -o pdftops-renderer-default=pdftops 2>&1 | grep -v 'deprecated' || true

export CUPS_SERVER="$dir/cups.sock"
export YRS_TEST_PRINTER=YorisoiPDF
home=$(getent passwd "$(id -un)" | cut -d: -f6)
export YRS_TEST_PDF_DIR="$home/PDF"

status=0
"$@" || status=$?
exit $status
