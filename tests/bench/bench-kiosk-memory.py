#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Memory against what a city would deploy instead: Debian's Chromium in
--kiosk mode on the same X server, showing tests/bench/kiosk-page/index.html
(the welcome page and SOS card, in Japanese), versus the app showing its
welcome page. Both are left to settle (memory steady over 2 s), then the
total Pss of all of Chromium's processes is compared with the app's.

The app is measured three ways: as a ward office starts it (no
GSK_RENDERER; its "renderer" setting, "auto", draws with cairo and
without OpenGL when the device has no GPU, see src/app/yrs-renderer.h),
and with GTK's GL renderer and the cairo renderer forced.

Target (issue 10): app <= 0.2x Chromium.
"""

import argparse
import glob
import os
import shutil
import sys
import subprocess
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

CHROMIUM_FLAGS = [
    "--kiosk", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def app_memory(app, env):
    proc, _ = benchlib.start_until_first_frame([app], env)
    try:
        rss, pss, n = benchlib.settle(lambda: benchlib.tree_memory(proc.pid))
    finally:
        benchlib.stop(proc)
    return rss, pss, n


def chromium_memory(chromium, page, env, scratch):
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=scratch)
    argv = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
            "file://" + os.path.abspath(page)]
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        rss, pss, n = benchlib.settle(lambda: benchlib.tree_memory(proc.pid, marker=profile),
                                      least=8.0)
    finally:
        # Chromium's helpers may outlive a TERM to the browser: end the
        # whole process group it was started in.
        try:
            os.killpg(proc.pid, 15)
        except ProcessLookupError:
            pass
        benchlib.stop(proc)
    if n < 2:
        raise RuntimeError("Chromium did not start (fewer than 2 processes)")
    return rss, pss, n


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--app", required=True)
    parser.add_argument("--page", required=True)
    parser.add_argument("--runs", type=int, default=int(os.environ.get("YRS_BENCH_KIOSK_RUNS", "3")))
    args = parser.parse_args()

    if not os.environ.get("DISPLAY"):
        benchlib.note("no X display: run under xvfb-run (tests/bench/run-all.sh does)")
        return 77
    chromium = shutil.which("chromium")
    if chromium is None:
        benchlib.note("chromium is not installed (tests/bench/run-all.sh installs it)")
        return 77

    with tempfile.TemporaryDirectory(prefix="yrs-bench-") as scratch:
        env = dict(os.environ)
        for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
            os.makedirs(os.path.join(scratch, sub))
            env[var] = os.path.join(scratch, sub)

        env.pop("GSK_RENDERER", None)
        gl_env = dict(env, GSK_RENDERER="gl")
        cairo_env = dict(env, GSK_RENDERER="cairo")
        # One warm-up run each (page cache, font and shader caches; Mesa's
        # shader cache lives in XDG_CACHE_HOME), not counted.
        app_memory(args.app, env)
        app_memory(args.app, gl_env)
        app_memory(args.app, cairo_env)
        chromium_memory(chromium, args.page, env, scratch)
        ours, ours_gl, ours_cairo, theirs = [], [], [], []
        for i in range(args.runs):
            ours.append(app_memory(args.app, env))
            ours_gl.append(app_memory(args.app, gl_env))
            ours_cairo.append(app_memory(args.app, cairo_env))
            theirs.append(chromium_memory(chromium, args.page, env, scratch))
            benchlib.note(f"run {i + 1}: app Pss {ours[-1][1]} KiB (GL: {ours_gl[-1][1]} KiB, "
                          f"cairo: {ours_cairo[-1][1]} KiB); "
                          f"chromium Pss {theirs[-1][1]} KiB in {theirs[-1][2]} processes")

    app_pss = benchlib.median([r[1] for r in ours])
    app_rss = benchlib.median([r[0] for r in ours])
    gl_pss = benchlib.median([r[1] for r in ours_gl])
    cairo_pss = benchlib.median([r[1] for r in ours_cairo])
    chr_pss = benchlib.median([r[1] for r in theirs])
    chr_n = benchlib.median([r[2] for r in theirs])
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True,
                             check=False).stdout.strip() or "chromium"
    default = "GTK's choice" if glob.glob("/dev/dri/renderD*") else "cairo, no GPU here"
    benchlib.report(f"kiosk: app Pss, welcome page settled, as a ward office starts it "
                    f"(renderer setting auto: {default}; median of {args.runs})",
                    app_pss / 1024, "MiB")
    benchlib.report(f"kiosk: app Pss, welcome page settled, GL renderer forced (median of {args.runs})",
                    gl_pss / 1024, "MiB")
    benchlib.report(f"kiosk: app Pss, welcome page settled, cairo renderer (median of {args.runs})",
                    cairo_pss / 1024, "MiB")
    benchlib.report(f"kiosk: {version} --kiosk, total Pss of {chr_n:.0f} processes "
                    f"(median of {args.runs})", chr_pss / 1024, "MiB")
    benchlib.report("kiosk: Pss ratio app (as started) / chromium", app_pss / chr_pss, "x", "<= 0.2")
    # Pss shares a library's pages among all the processes that map it, so
    # the app's falls while other GTK programs run; its Rss is what its Pss
    # would be if nothing else mapped those libraries (a kiosk).
    benchlib.report("kiosk: app Rss as started (its Pss if nothing shared its libraries)",
                    app_rss / 1024, "MiB")
    benchlib.report("kiosk: ratio app Rss (as started) / chromium Pss", app_rss / chr_pss, "x", "-")
    benchlib.report("kiosk: Pss ratio app (GL) / chromium", gl_pss / chr_pss, "x", "<= 0.2")
    benchlib.report("kiosk: Pss ratio app (cairo) / chromium", cairo_pss / chr_pss, "x", "<= 0.2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
