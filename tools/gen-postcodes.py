#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The city's postcodes, from SKK-JISYO.zipcode (Debian's skkdic-extra).

SKK-JISYO.zipcode is a public-domain table of every 7-digit Japanese
postcode with its prefecture, city, ward and town, in EUC-JIS-2004:

    6500001 /兵庫県神戸市中央区加納町/
    6500000 /兵庫県神戸市中央区/兵庫県神戸市西区/

This keeps the codes of one city and writes, one line per (code, place):

    # source SKK-JISYO.zipcode, Time-stamp: <04 May 2022>
    6500001<TAB>中央区<TAB>加納町
    6500000<TAB>中央区<TAB>
    6500000<TAB>西区<TAB>

The ward is what follows the city up to 区 (empty for a city without
wards); the town is the rest (empty when the code names a whole ward).
It runs at build time (src/core/meson.build), so the table is always the
one of the installed package.

    gen-postcodes.py SKK-JISYO.zipcode 兵庫県神戸市 OUTPUT
"""

import re
import sys


def main():
    source, city, output = sys.argv[1:4]
    with open(source, "rb") as f:
        text = f.read().decode("euc_jis_2004")
    stamp = re.search(r"Time-stamp:\s*<([^>]*)>", text)
    rows = []
    for line in text.splitlines():
        m = re.match(r"^(\d{7}) /(.*)/$", line)
        if not m:
            continue
        code = m.group(1)
        for place in m.group(2).split("/"):
            place = place.split(";")[0]
            if not place.startswith(city):
                continue
            rest = place[len(city):]
            ward, town = "", rest
            w = re.match(r"^(.+?区)(.*)$", rest)
            if w:
                ward, town = w.group(1), w.group(2)
            rows.append((code, ward, town))
    if not rows:
        sys.exit(f"gen-postcodes: no postcode of {city} in {source}")
    with open(output, "w", encoding="utf-8") as f:
        f.write(f"# source {source.rsplit('/', 1)[-1]}, Time-stamp: <{stamp.group(1) if stamp else '?'}>\n")
        for code, ward, town in sorted(set(rows)):
            f.write(f"{code}\t{ward}\t{town}\n")


if __name__ == "__main__":
    main()
