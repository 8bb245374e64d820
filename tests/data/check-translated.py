#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The desktop file and the metainfo carry ja.po's Japanese strings (merged
# by i18n.merge_file), in the build tree or as installed:
#   check-translated.py DESKTOP_FILE METAINFO_FILE
# TAP output.
import sys
import xml.etree.ElementTree as ET

desktop_path, metainfo_path = sys.argv[1], sys.argv[2]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


entries = {}
with open(desktop_path, encoding="utf-8") as f:
    for line in f:
        if "=" in line and not line.startswith("#"):
            key, _, value = line.rstrip("\n").partition("=")
            entries[key] = value
check("desktop Name[ja] is よりそい", entries.get("Name[ja]") == "よりそい", entries.get("Name[ja]"))
check("desktop Comment[ja] is Japanese",
      entries.get("Comment[ja]", "").startswith("母子保健サービス"), entries.get("Comment[ja]"))
check("desktop Keywords[ja] has Japanese keywords",
      "産後ケア" in entries.get("Keywords[ja]", ""), entries.get("Keywords[ja]"))
check("desktop keeps the English Name", entries.get("Name") == "Yorisoi", entries.get("Name"))

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
root = ET.parse(metainfo_path).getroot()
def ja(tag):
    return [e.text or "" for e in root.iter(tag) if e.get(XML_LANG) == "ja"]
check("metainfo <name xml:lang=ja>", ja("name") == ["よりそい"], ja("name"))
check("metainfo <summary xml:lang=ja> is Japanese", any("母子保健" in t for t in ja("summary")), ja("summary"))
check("metainfo description has Japanese paragraphs", len(ja("p")) >= 1 and len(ja("li")) >= 3,
      (ja("p"), ja("li")))
check("metainfo screenshot captions in Japanese", "日本語の最初の画面" in ja("caption"), ja("caption"))

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        print(f"# {detail!r}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
