#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every screenshot the metainfo names is a PNG in data/screenshots/ whose
size is the one the metainfo states.

usage: check-screenshots.py METAINFO SCREENSHOT_DIR
"""
import os
import struct
import sys
import xml.etree.ElementTree as ET


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{path}: not a PNG")
    return struct.unpack(">II", head[16:24])


def main():
    metainfo, shot_dir = sys.argv[1], sys.argv[2]
    images = ET.parse(metainfo).getroot().findall("./screenshots/screenshot/image")
    failures = 0
    print(f"1..{len(images) or 1}")
    if not images:
        print("not ok 1 the metainfo names no screenshots")
        return 1
    for n, image in enumerate(images, 1):
        name = os.path.basename(image.text.strip())
        path = os.path.join(shot_dir, name)
        want = (int(image.get("width", 0)), int(image.get("height", 0)))
        try:
            got = png_size(path)
        except (OSError, ValueError) as e:
            print(f"not ok {n} {name}: {e}")
            failures += 1
            continue
        if got != want:
            print(f"not ok {n} {name}: {got[0]}x{got[1]}, metainfo says {want[0]}x{want[1]}")
            failures += 1
        else:
            print(f"ok {n} {name} {got[0]}x{got[1]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
