#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes stroke files for the handwriting test from KanjiVG.

The strokes in tests/ime/strokes/ are KanjiVG's strokes
(https://kanjivg.tagaini.net, CC BY-SA 3.0, Ulrich Apel and
contributors), one SVG path per stroke in the standard stroke order,
sampled into points the way a finger's drag would report them and scaled
from KanjiVG's 109x109 box to a 300x300 pad. Not in Debian 12; run once
against a checkout:

    tests/ime/kanjivg-strokes.py KANJIVG_CHECKOUT CHARS...

A stroke file: '#' comment lines, then one line per stroke, its points
as "x,y" separated by spaces; the file's name is the character's code
point (4f50.strokes for 佐). The pad's recorder (record-strokes.py,
which traces these on the kiosk's pad into tests/ime/strokes-pad/) writes
the same format.
"""

import re
import sys
from pathlib import Path

SCALE = 300 / 109
STEPS = 8  # points per curve segment


def tokens(d):
    for m in re.finditer(r"[MmCcSsLlHhVvZz]|-?\d*\.?\d+(?:e-?\d+)?", d):
        yield m.group(0)


def sample_path(d):
    toks = list(tokens(d))
    i = 0
    x = y = 0.0
    last_ctrl = None
    cmd = None
    pts = []

    def num():
        nonlocal i
        v = float(toks[i])
        i += 1
        return v

    def cubic(p0, p1, p2, p3):
        for k in range(1, STEPS + 1):
            t = k / STEPS
            mt = 1 - t
            pts.append((mt**3 * p0[0] + 3 * mt**2 * t * p1[0] + 3 * mt * t**2 * p2[0] + t**3 * p3[0],
                        mt**3 * p0[1] + 3 * mt**2 * t * p1[1] + 3 * mt * t**2 * p2[1] + t**3 * p3[1]))

    while i < len(toks):
        if re.match(r"[A-Za-z]", toks[i]):
            cmd = toks[i]
            i += 1
            if cmd in "Zz":
                continue
        rel = cmd.islower()
        c = cmd.upper()
        ox, oy = (x, y) if rel else (0.0, 0.0)
        if c == "M":
            x, y = ox + num(), oy + num()
            pts.append((x, y))
            cmd = "l" if rel else "L"
            last_ctrl = None
        elif c == "L":
            x, y = ox + num(), oy + num()
            pts.append((x, y))
            last_ctrl = None
        elif c == "H":
            x = ox + num()
            pts.append((x, y))
            last_ctrl = None
        elif c == "V":
            y = oy + num()
            pts.append((x, y))
            last_ctrl = None
        elif c == "C":
            p1 = (ox + num(), oy + num())
            p2 = (ox + num(), oy + num())
            p3 = (ox + num(), oy + num())
            cubic((x, y), p1, p2, p3)
            last_ctrl = p2
            x, y = p3
        elif c == "S":
            p1 = (2 * x - last_ctrl[0], 2 * y - last_ctrl[1]) if last_ctrl else (x, y)
            p2 = (ox + num(), oy + num())
            p3 = (ox + num(), oy + num())
            cubic((x, y), p1, p2, p3)
            last_ctrl = p2
            x, y = p3
        else:
            raise ValueError(f"path command {cmd} not handled")
    return pts


def main():
    repo = Path(sys.argv[1])
    out = Path(__file__).resolve().parent / "strokes"
    out.mkdir(exist_ok=True)
    for ch in "".join(sys.argv[2:]):
        name = f"{ord(ch):05x}.svg"
        svg = (repo / "kanji" / name).read_text(encoding="utf-8")
        paths = re.findall(r'<path id="kvg:[0-9a-f]+-s(\d+)"[^>]*\sd="([^"]+)"', svg)
        paths.sort(key=lambda p: int(p[0]))
        lines = [f"# {ch} (U+{ord(ch):04X}): KanjiVG kanji/{name}, {len(paths)} strokes in order,",
                 "# CC BY-SA 3.0 (Ulrich Apel and contributors), scaled to a 300x300 pad"]
        for _, d in paths:
            lines.append(" ".join(f"{px * SCALE:.1f},{py * SCALE:.1f}" for px, py in sample_path(d)))
        (out / f"{ord(ch):04x}.strokes").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(ch, len(paths), "strokes")


if __name__ == "__main__":
    main()
