#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lists the Japanese texts of po/ja.po that more than one msgid gives.

A language switch puts a text on screen into the other language through a
reverse table (src/flows/yrs-i18n.c): a widget built in Japanese whose text
two msgids share can come out as the other msgid on its first switch. So
such texts are made distinct where Japanese allows it, or the two msgids
made one. What remains is listed and left alone when harmless:

- msgids that read the same in English (one word under two contexts:
  戻る is "Back" and "wizard|Back");
- sentence fragments (the English starts in lower case: "name", "postal
  code", put into a message by src/flows/yrs-sync-messages.c) and
  "translator-credits": never a widget's whole text;
- the texts below, whose widgets record their key when it is set
  (yrs_retranslate_remember()).

Usage: ja-duplicates.py PO [--check]; with --check, exits 1 when a text is
shared otherwise.
"""

import collections
import gettext
import io
import subprocess
import sys

# 月/日 are "Month"/"Day" (a date field's parts) and the weekday headings
# "Mon"/"Sun" of the slots page, which remembers its keys.
RECORDED = {"月", "日"}


def main():
    po = sys.argv[1]
    check = "--check" in sys.argv[2:]
    mo = subprocess.run(["msgfmt", "-o", "-", po], capture_output=True, check=True).stdout
    catalogue = gettext.GNUTranslations(io.BytesIO(mo))._catalog
    by_text = collections.defaultdict(list)
    for key, text in catalogue.items():
        if isinstance(key, tuple) or key == "":
            continue
        by_text[text].append(key)
    bad = 0
    for text, keys in sorted(by_text.items()):
        if len(keys) < 2:
            continue
        english = {k.split("\x04")[-1] for k in keys}
        whole = {e for e in english if e[:1] and not e[:1].islower()}
        if len(english) == 1:
            why = "same English"
        elif len(whole) <= 1:
            why = "the others are sentence fragments"
        elif text in RECORDED:
            why = "keys recorded by the widgets"
        else:
            why = "SHARED"
            bad += 1
        print(f"{text}\t{why}\t" + " | ".join(k.replace("\x04", "|") for k in sorted(keys)))
    print(f"{bad} shared", file=sys.stderr)
    return 1 if check and bad else 0


if __name__ == "__main__":
    sys.exit(main())
