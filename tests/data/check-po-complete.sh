#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# ja.po is complete: every string that po/POTFILES.in's sources mark for
# translation has a Japanese translation (none missing, none fuzzy).
#
#   check-po-complete.sh SOURCE_ROOT
set -euo pipefail

top=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top"

# Files listed but not (yet) in the tree are skipped, not failed: the
# build does not need them.
while IFS= read -r f; do
  case "$f" in ''|'#'*) continue ;; esac
  if [ -e "$f" ]; then
    echo "$f"
  else
    echo "# not in the tree, skipped: $f" >&2
  fi
done < po/POTFILES.in > "$tmp/files"

# The keywords of the glib preset of i18n.gettext in po/meson.build.
xgettext --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  -f "$tmp/files" -o "$tmp/yorisoi.pot"
msgmerge --quiet --no-fuzzy-matching po/ja.po "$tmp/yorisoi.pot" -o "$tmp/ja.po"

missing=$(msgattrib --untranslated --no-obsolete "$tmp/ja.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/ja.po" | grep -c '^msgid ' || true)
total=$(grep -c '^msgid ' "$tmp/yorisoi.pot" || true)
# msgattrib prints the header entry too when it prints anything.
[ "$missing" -gt 0 ] && missing=$((missing - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))

if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
  echo "ja.po lacks $missing of $((total - 1)) strings and has $fuzzy fuzzy:"
  msgattrib --untranslated --no-obsolete "$tmp/ja.po" | grep -A1 -E '^#:|^msgid ' | grep -v '^--$' | tail -n +3
  msgattrib --only-fuzzy --no-obsolete "$tmp/ja.po" | grep -E '^msgid ' | tail -n +2
  exit 1
fi
echo "ja.po translates all $((total - 1)) strings"
