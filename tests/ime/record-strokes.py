#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes characters on the kiosk's handwriting pad and saves what the pad
received (issue 21's stroke data "written with the pad and saved").

    xvfb-run -a -s "-screen 0 1280x1024x24" \\
      tests/ime/record-strokes.py build/tests/ime/record-strokes OUTDIR [CHARS]

It starts build/tests/ime/record-strokes (the pad in a window of its own at
the screen's origin: no window manager under Xvfb), and for each
character traces its strokes from tests/ime/strokes/ (KanjiVG's stroke
order) with the pointer through XTest, as a finger would: pressed,
moved at about 60 events a second along the path with a hand's wobble
(seeded), released, a pause between strokes; each character drawn at a
size and place of its own on the pad. The pad's GtkGestureDrag turns the
events into points; `save` writes those points. The written files are
what tests/ime/test-handwriting.c reads from tests/ime/strokes-pad/.

Nobody's finger drew them (no touch screen here): the pointer did, on the
real pad, at kiosk size, which is what the kiosk's recogniser receives.
"""

import ctypes
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def xlib():
    lib = ctypes.CDLL("libX11.so.6")
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XFlush.argtypes = [ctypes.c_void_p]
    display = lib.XOpenDisplay(None)
    if not display:
        sys.exit("record-strokes: no X display (run under xvfb-run)")
    xtst = ctypes.CDLL("libXtst.so.6")
    xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                          ctypes.c_int, ctypes.c_ulong]
    xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                          ctypes.c_ulong]
    return lib, display, xtst


def read_strokes(path):
    with open(path, encoding="utf-8") as f:
        return [[tuple(float(v) for v in pair.split(",")) for pair in line.split()]
                for line in f if line.strip() and not line.startswith("#")]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    tool, outdir = sys.argv[1], sys.argv[2]
    source = os.path.join(HERE, "strokes")
    if len(sys.argv) > 3:
        chars = ["%04x" % ord(c) for c in sys.argv[3]]
    else:
        chars = sorted(n[:-len(".strokes")] for n in os.listdir(source) if n.endswith(".strokes"))
    os.makedirs(outdir, exist_ok=True)
    lib, display, xtst = xlib()

    def move(x, y):
        xtst.XTestFakeMotionEvent(display, -1, int(round(x)), int(round(y)), 0)
        lib.XFlush(display)

    def button(down):
        xtst.XTestFakeButtonEvent(display, 1, 1 if down else 0, 0)
        lib.XFlush(display)

    proc = subprocess.Popen([tool, outdir], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, bufsize=1)

    def ask(line):
        proc.stdin.write(line + "\n")
        proc.stdin.flush()
        return proc.stdout.readline().strip()

    if proc.stdout.readline().strip() != "ready":
        sys.exit("record-strokes: the pad did not start")
    time.sleep(1.0)
    answer = ask("pad").split()
    if answer[0] != "pad":
        sys.exit("record-strokes: " + " ".join(answer))
    px, py, pw, ph = (float(v) for v in answer[1:])
    side = min(pw, ph)
    rand = random.Random(21)
    for hex_code in chars:
        strokes = read_strokes(os.path.join(source, hex_code + ".strokes"))
        # A hand's character: 70-95 % of the pad's square, not centred.
        size = side * rand.uniform(0.70, 0.95)
        ox = px + rand.uniform(0, side - size)
        oy = py + rand.uniform(0, side - size)
        scale = size / 300.0
        for stroke in strokes:
            x0, y0 = stroke[0]
            move(ox + x0 * scale, oy + y0 * scale)
            time.sleep(0.03)
            button(True)
            time.sleep(0.02)
            # The path at about 60 events a second; a finger neither follows
            # it exactly nor moves evenly.
            step = max(1, len(stroke) // max(3, int(len(stroke) * rand.uniform(0.35, 0.6))))
            for x, y in stroke[1::step] + [stroke[-1]]:
                move(ox + x * scale + rand.uniform(-2.5, 2.5),
                     oy + y * scale + rand.uniform(-2.5, 2.5))
                time.sleep(1 / 60)
            time.sleep(0.02)
            button(False)
            time.sleep(rand.uniform(0.12, 0.3))
            if os.environ.get("RECORD_DEBUG"):
                print(ask("count"), ask("pad"), flush=True)
                if os.environ.get("RECORD_SHOT"):
                    subprocess.run(["import", "-window", "root", os.environ["RECORD_SHOT"]])
        # Let the pad's last recognition settle before saving.
        time.sleep(0.3)
        answer = ask("save " + hex_code)
        print(chr(int(hex_code, 16)), answer, flush=True)
        if not answer.startswith("saved") or int(answer.split()[2]) != len(strokes):
            ask("quit")
            sys.exit("record-strokes: %s: the pad got %s, %d strokes drawn"
                     % (chr(int(hex_code, 16)), answer, len(strokes)))
    ask("quit")
    proc.wait(timeout=10)


if __name__ == "__main__":
    main()
