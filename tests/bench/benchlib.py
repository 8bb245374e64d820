# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared helpers of the Python benchmarks in tests/bench.

Every benchmark program reports its figures as lines

    bench<TAB>measure<TAB>value<TAB>unit<TAB>target

on stdout (target may be "-"); tests/bench/run-all.sh collects these lines
from every program into one table. Anything else goes to stderr.
"""

import os
import select
import statistics
import subprocess
import sys
import time


def report(measure, value, unit, target="-"):
    if isinstance(value, float):
        value = f"{value:.2f}"
    print(f"bench\t{measure}\t{value}\t{unit}\t{target}", flush=True)


def note(*args):
    print(*args, file=sys.stderr, flush=True)


def median(values):
    return statistics.median(values)


def smaps_rollup(pid):
    """Rss and Pss of one process in KiB, from /proc/PID/smaps_rollup."""
    rss = pss = 0
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
        for line in f:
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    return rss, pss


def process_tree(root, marker=None):
    """The pids of root and all its descendants, and of any process whose
    command line holds marker (helpers that were re-parented to init)."""
    parents = {}
    cmdlines = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
            # The command name may hold spaces and parentheses: split after
            # the last ')'.
            parents[pid] = int(stat[stat.rindex(")") + 2:].split()[1])
            if marker is not None:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    cmdlines[pid] = f.read()
        except (OSError, ValueError):
            continue
    tree = {root}
    changed = True
    while changed:
        changed = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                changed = True
    if marker is not None:
        needle = marker.encode()
        tree.update(pid for pid, cmd in cmdlines.items() if needle in cmd)
    return sorted(tree)


def tree_memory(root, marker=None):
    """(total Rss, total Pss, number of processes) of a process tree, KiB."""
    rss = pss = n = 0
    for pid in process_tree(root, marker):
        try:
            r, p = smaps_rollup(pid)
        except OSError:
            continue
        rss += r
        pss += p
        n += 1
    return rss, pss, n


def start_until_first_frame(argv, env, timeout=60.0):
    """Starts argv with YRS_BENCH=1 and waits for its "first-frame <µs>"
    line. Returns (process, µs from just before exec to the first frame)."""
    env = dict(env, YRS_BENCH="1")
    t0 = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    buf = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            stop(proc)
            raise RuntimeError(f"{argv[0]}: no first frame within {timeout:.0f} s")
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if not ready:
            continue
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            proc.wait()
            raise RuntimeError(f"{argv[0]}: exited ({proc.returncode}) before its first frame")
        buf += chunk
        for line in buf.split(b"\n")[:-1]:
            if line.startswith(b"first-frame "):
                return proc, int(line.split()[1]) - t0


def settle(measure, interval=0.5, window=4, tolerance=0.02, least=3.0, most=40.0):
    """Samples measure() until `window` samples in a row are within
    `tolerance` of each other (and at least `least` seconds have passed);
    returns the last sample."""
    start = time.monotonic()
    samples = []
    while True:
        samples.append(measure())
        recent = [s[1] for s in samples[-window:]]
        elapsed = time.monotonic() - start
        if (len(recent) == window and elapsed >= least and
                max(recent) - min(recent) <= tolerance * max(recent)):
            return samples[-1]
        if elapsed >= most:
            note(f"memory did not settle within {most:.0f} s; taking the last sample")
            return samples[-1]
        time.sleep(interval)


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
