#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Startup benchmark: exec -> first painted frame of the main window, and the
Rss/Pss of the process at that moment, for the app and for the bare
libadwaita window built in the same tree (tests/bench/bare-window.c), run
the same way, alternately, several times each; medians and ratios.

Needs a display (run-all.sh provides Xvfb and a D-Bus session).
Targets (issue 10): time <= 1.5x, memory <= 1.5x the bare window.
"""

import argparse
import os
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402


def measure(argv, env):
    proc, elapsed = benchlib.start_until_first_frame(argv, env)
    try:
        rss, pss = benchlib.smaps_rollup(proc.pid)
    finally:
        benchlib.stop(proc)
    return elapsed, rss, pss


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--app", required=True)
    parser.add_argument("--bare", required=True)
    parser.add_argument("--runs", type=int, default=int(os.environ.get("YRS_BENCH_RUNS", "7")))
    args = parser.parse_args()

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        benchlib.note("no display: run under xvfb-run (tests/bench/run-all.sh does)")
        return 77

    with tempfile.TemporaryDirectory(prefix="yrs-bench-") as home:
        env = dict(os.environ)
        # One throw-away home for both programs (and all runs), so that no
        # state from a person's session is read and both find the same caches.
        for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
            os.makedirs(os.path.join(home, sub))
            env[var] = os.path.join(home, sub)

        # Each renderer is asked for by GSK_RENDERER, for both programs
        # alike: left to itself the app draws with cairo on a device
        # without a GPU (its "renderer" setting, src/app/yrs-renderer.h),
        # the bare window with GL. On a machine without a GPU (Xvfb here)
        # GL is Mesa's llvmpipe, whose textures live in the process heap.
        # With cairo the app also keeps GDK's OpenGL off; the bare window
        # does not.
        renderers = {"gl": "gl", "cairo": "cairo"}
        results = {}
        for rname, renderer in renderers.items():
            renv = dict(env)
            if renderer is not None:
                renv["GSK_RENDERER"] = renderer
            else:
                renv.pop("GSK_RENDERER", None)
            programs = {"app": [args.app], "bare": [args.bare]}
            # One warm-up run each (page cache, font and shader caches),
            # not counted.
            for name, argv in programs.items():
                measure(argv, renv)
            for name in programs:
                results[(name, rname)] = []
            for i in range(args.runs):
                for name, argv in programs.items():
                    r = measure(argv, renv)
                    results[(name, rname)].append(r)
                    benchlib.note(f"{rname} run {i + 1} {name}: {r[0] / 1000:.1f} ms, "
                                  f"Rss {r[1]} KiB, Pss {r[2]} KiB")

    med = {key: [benchlib.median([r[k] for r in rs]) for k in range(3)]
           for key, rs in results.items()}
    for rname in renderers:
        app, bare = med[("app", rname)], med[("bare", rname)]
        tag = f"startup [{rname}]"
        benchlib.report(f"{tag}: app, exec to first frame (median of {args.runs})",
                        app[0] / 1000, "ms")
        benchlib.report(f"{tag}: bare window, exec to first frame (median of {args.runs})",
                        bare[0] / 1000, "ms")
        benchlib.report(f"{tag}: time ratio app / bare", app[0] / bare[0], "x", "<= 1.5")
        benchlib.report(f"{tag}: app Rss / Pss at first frame",
                        f"{app[1] / 1024:.1f} / {app[2] / 1024:.1f}", "MiB")
        benchlib.report(f"{tag}: bare window Rss / Pss at first frame",
                        f"{bare[1] / 1024:.1f} / {bare[2] / 1024:.1f}", "MiB")
        benchlib.report(f"{tag}: Rss ratio app / bare", app[1] / bare[1], "x", "<= 1.5")
        benchlib.report(f"{tag}: Pss ratio app / bare", app[2] / bare[2], "x", "<= 1.5")
    return 0


if __name__ == "__main__":
    sys.exit(main())
