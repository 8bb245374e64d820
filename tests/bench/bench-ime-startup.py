#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The keypad's figures and the kiosk's start-up and memory with the
input engines and without them, in one run (issues 21 and 20):

- a tap on the kana keypad -> its candidates shown, p50 and p95 (target
  p95 <= 50 ms): tests/bench/bench-keypad (--keypad), run first, its lines
  passed through;
- the kiosk as it starts (lazy: the conversion and handwriting engines
  are linked in but load on the first tap or stroke), against the same
  binary with both engines loaded at start (YRS_BENCH_IME_PRELOAD=1: what
  a non-lazy start would cost), and the bare libadwaita window as the
  common baseline, started alternately, each until its first frame:
  exec -> first frame, Rss and Pss at the first frame, and the settled
  Rss/Pss (the kiosk's memory figure, as bench-kiosk-memory.py takes it);
- whether any of the engines' data (libkkc's model, the SKK dictionaries,
  zinnia's model) is mapped at a lazy start (it must not be);
- with --before (or YRS_BENCH_BEFORE_APP: the app built without the
  engines, e.g. main before the ime2 branch), that build too.
"""

import argparse
import os
import shutil
import subprocess
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
    return {"first": elapsed, "rss": rss, "pss": pss,
            "settled_rss": settled[0], "settled_pss": settled[1], "mapped": mapped}


def keypad_figures(keypad, env):
    """Runs bench-keypad and passes its lines through (taps -> candidates)."""
    if not keypad:
        return 0
    proc = subprocess.run([keypad], env=env, stdout=subprocess.PIPE, text=True)
    sys.stdout.write(proc.stdout)
    sys.stdout.flush()
    return proc.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--app", required=True)
    parser.add_argument("--bare", required=True)
    parser.add_argument("--keypad", help="tests/bench/bench-keypad, run first")
    parser.add_argument("--before", default=os.environ.get("YRS_BENCH_BEFORE_APP"))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("YRS_BENCH_RUNS", "5")))
    args = parser.parse_args()

    if not os.environ.get("DISPLAY"):
        benchlib.note("no X display: run under xvfb-run (tests/bench/run-all.sh does)")
        return 77

    status = keypad_figures(args.keypad, dict(os.environ))
    if status not in (0, 77):
        benchlib.note(f"bench-keypad exited {status}")

    with tempfile.TemporaryDirectory(prefix="yrs-bench-") as scratch:
        env = dict(os.environ)
        env.pop("YRS_BENCH_IME_PRELOAD", None)
        for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
            os.makedirs(os.path.join(scratch, sub))
            env[var] = os.path.join(scratch, sub)
        apps = {
            "lazy": ([args.app], env),
            "engines loaded at start": ([args.app], dict(env, YRS_BENCH_IME_PRELOAD="1")),
            "bare window": ([args.bare], env),
        }
        if args.before:
            # A copy: the tree it comes from may be rebuilt meanwhile.
            before = os.path.join(scratch, "yorisoi-before")
            shutil.copy2(args.before, before)
            apps["without the engines (before)"] = ([before], env)
        for argv, e in apps.values():  # warm-up, not counted
            measure(argv, e)
        runs = {name: [] for name in apps}
        for i in range(args.runs):
            for name, (argv, e) in apps.items():
                runs[name].append(measure(argv, e))
            benchlib.note(f"run {i + 1}: " + ", ".join(
                f"{n} {r[-1]['first'] / 1000:.0f} ms Rss {r[-1]['rss']} KiB settled Rss {r[-1]['settled_rss']} KiB"
                for n, r in runs.items()))

    mapped = sorted({f for r in runs["lazy"] for f in r["mapped"]})
    benchlib.report("kiosk start (lazy): engine data files mapped at the first frame", len(mapped), "files", "0")
    for f in mapped:
        benchlib.note(f"mapped at start: {f}")
    for name, r in runs.items():
        med = {k: benchlib.median([x[k] for x in r]) for k in ("first", "rss", "pss", "settled_rss", "settled_pss")}
        benchlib.report(f"kiosk start ({name}): exec -> first frame", med["first"] / 1000.0, "ms")
        benchlib.report(f"kiosk start ({name}): Rss / Pss at the first frame",
                        f"{med['rss'] / 1024.0:.1f} / {med['pss'] / 1024.0:.1f}", "MiB")
        benchlib.report(f"kiosk start ({name}): settled Rss / Pss",
                        f"{med['settled_rss'] / 1024.0:.1f} / {med['settled_pss'] / 1024.0:.1f}", "MiB")
    lazy = runs["lazy"]
    for other in ("engines loaded at start", "without the engines (before)"):
        if other not in runs:
            continue
        for key, what in (("first", "first frame"), ("settled_rss", "settled Rss")):
            a = benchlib.median([x[key] for x in lazy])
            b = benchlib.median([x[key] for x in runs[other]])
            benchlib.report(f"kiosk start: {what}, lazy / {other}", a / b, "x")
    return 1 if mapped else 0


if __name__ == "__main__":
    sys.exit(main())
