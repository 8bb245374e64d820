#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""data/banks/zengin.tsv from the npm package zengin-code.

zengin-code (MIT, github.com/zengin-code/source-data) bundles the table of
Japanese bank codes (金融機関コード) and branch codes (店番) with the names
and their kana. The app has no network at run time, so the table is
turned, at commit time, into one compact text file with its source,
version and date:

    # zengin-code 1.0.0-p20260824 (npm, MIT licence), generated 2026-12-04
    0001<TAB>みずほ<TAB>ミズホ
    <TAB>001<TAB>東京営業部<TAB>トウキヨウ

A bank line is code, name, kana; the branch lines after it are empty,
code, name, kana. The kana are as the table writes them (full-width
katakana without small kana: ゆうちょ is ユウチヨ).

    npm pack zengin-code && tar xzf zengin-code-*.tgz
    tools/gen-zengin.py package data/banks/zengin.tsv
"""

import datetime
import json
import os
import sys


def main():
    package, output = sys.argv[1:3]
    with open(os.path.join(package, "package.json"), encoding="utf-8") as f:
        meta = json.load(f)
    with open(os.path.join(package, "lib", "zengin-data.js"), encoding="utf-8") as f:
        text = f.read().strip()
    text = text[text.index("{"):text.rindex("}") + 1]
    banks = json.loads(text)

    with open(output, "w", encoding="utf-8") as f:
        f.write(f"# {meta['name']} {meta['version']} (npm, {meta.get('license', '?')} licence, "
                f"https://github.com/zengin-code/source-data), "
                f"generated {datetime.date.today().isoformat()} by tools/gen-zengin.py\n")
        for code in sorted(banks):
            bank = banks[code]
            f.write(f"{bank['code']}\t{bank['name']}\t{bank['kana']}\n")
            for bcode in sorted(bank["branches"]):
                branch = bank["branches"][bcode]
                f.write(f"\t{branch['code']}\t{branch['name']}\t{branch['kana']}\n")


if __name__ == "__main__":
    main()
