#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kiosk's start-up and memory before and after the keypad's
conversion and handwriting (issue 21), in one run: the app of this tree
("after"), the app built without them ("before": --before, or
YRS_BENCH_BEFORE_APP, e.g. main's build before the ime2 branch), and the
bare libadwaita window as the common baseline, started alternately, each
until its first frame. Figures: exec -> first frame, Pss at the first
frame, and the settled Pss (the kiosk's memory figure, as
bench-kiosk-memory.py takes it). Also: whether any of the engines' data
(libkkc's model, the SKK dictionaries, zinnia's model) is mapped at start
(it must not be: they load on the first tap or stroke).

Without a "before" app, only the "after" figures and the mapping check.
"""

import argparse
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ENGINE_DATA = ("/usr/share/libkkc/", "/usr/share/skk/", "/usr/share/tegaki/")


def engine_files_mapped(pid):
    found = set()
    with open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.split(None, 5)
            if len(parts) == 6 and parts[5].strip().startswith(ENGINE_DATA):
                found.add(parts[5].strip())
    return sorted(found)


def measure(argv, env):
    proc, elapsed = benchlib.start_until_first_frame(argv, env)
    try:
        rss, pss = benchlib.smaps_rollup(proc.pid)
        mapped = engine_files_mapped(proc.pid)
        settled = benchlib.settle(lambda: benchlib.tree_memory(proc.pid))
    finally:
        benchlib.stop(proc)
    return elapsed, pss, settled[1], mapped


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--app", required=True)
    parser.add_argument("--bare", required=True)
    parser.add_argument("--before", default=os.environ.get("YRS_BENCH_BEFORE_APP"))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("YRS_BENCH_RUNS", "5")))
    args = parser.parse_args()

    if not os.environ.get("DISPLAY"):
        benchlib.note("no X display: run under xvfb-run (tests/bench/run-all.sh does)")
        return 77

    with tempfile.TemporaryDirectory(prefix="yrs-bench-") as scratch:
        env = dict(os.environ)
        for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
            os.makedirs(os.path.join(scratch, sub))
            env[var] = os.path.join(scratch, sub)
        apps = {"after": [args.app], "bare": [args.bare]}
        if args.before:
            # A copy: the tree it comes from may be rebuilt meanwhile.
            before = os.path.join(scratch, "yorisoi-before")
            shutil.copy2(args.before, before)
            apps["before"] = [before]
        for argv in apps.values():  # warm-up, not counted
            measure(argv, env)
        runs = {name: [] for name in apps}
        for i in range(args.runs):
            for name, argv in apps.items():
                runs[name].append(measure(argv, env))
            benchlib.note(f"run {i + 1}: " + ", ".join(
                f"{n} {r[-1][0] / 1000:.0f} ms Pss {r[-1][1]} KiB settled {r[-1][2]} KiB"
                for n, r in runs.items()))

    mapped = sorted({f for r in runs["after"] for f in r[3]})
    benchlib.report("kiosk start: engine data files mapped at the first frame", len(mapped), "files", "0")
    for f in mapped:
        benchlib.note(f"mapped at start: {f}")
    for name in ("before", "after", "bare"):
        if name not in runs:
            continue
        r = runs[name]
        benchlib.report(f"kiosk start ({name}): exec -> first frame",
                        benchlib.median([x[0] for x in r]) / 1000.0, "ms")
        benchlib.report(f"kiosk start ({name}): Pss at the first frame",
                        benchlib.median([x[1] for x in r]) / 1024.0, "MiB")
        benchlib.report(f"kiosk start ({name}): settled Pss",
                        benchlib.median([x[2] for x in r]) / 1024.0, "MiB")
    if "before" in runs:
        for i, what in ((0, "first frame"), (2, "settled Pss")):
            b = benchlib.median([x[i] for x in runs["before"]])
            a = benchlib.median([x[i] for x in runs["after"]])
            benchlib.report(f"kiosk start: {what}, after / before", a / b, "x", "~1.0")
    return 1 if mapped else 0


if __name__ == "__main__":
    sys.exit(main())
