# SPDX-License-Identifier: GPL-3.0-or-later
"""bench-server (issue 15; not a pass/fail test): 300 simulated devices at
once, each a slot delta sync (GET /v1/slots?since=CURSOR) and one
submission (POST /v1/applications with its Idempotency-Key), against

  (a) one yorisoi-server on SQLite,
  (b) one yorisoi-server on PostgreSQL 15,
  (c) three yorisoi-server on PostgreSQL behind nginx (TLS),

all on this machine's loopback, PostgreSQL a throw-away cluster
(tests/integration/pg-cluster.sh). For each: requests per second, p50 and
p99 latency, errors, the servers' peak RSS; then PostgreSQL / SQLite per
request. Target: no errors, p99 <= 500 ms everywhere.

    python3 tests/bench/bench-server.py [--devices 300]

(needs YRS_SOURCE_ROOT and YRS_BUILD_ROOT, as meson's benchmark sets)."""

import argparse
import http.client
import multiprocessing
import os
import subprocess
import sys
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
import yrs_front as f  # noqa: E402
import yrs_server_harness as h  # noqa: E402


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, int(round(p / 100.0 * (len(values) - 1)))))
    return values[k]


def run_devices(n, make_connection, token, cursor, processes=1):
    """n devices, each a thread, spread over `processes` client processes
    (forked; one Python process alone serialises 300 devices' TLS and
    HTTP on its GIL, which the latencies would then include), all
    released at once. (latencies in s, errors, wall s)."""
    if processes > 1:
        return _run_devices_forked(n, make_connection, token, cursor, processes)
    return _run_devices_threads(range(n), make_connection, token, cursor, None)


def _run_devices_threads(indices, make_connection, token, cursor, release):
    indices = list(indices)
    barrier = threading.Barrier(len(indices) + 1)
    latencies = []
    errors = []
    lock = threading.Lock()

    def device(i):
        client = f.Client(make_connection)
        body = {"programme": "postpartum_care",
                "fields": {"applicant.name": "端末 %03d" % i}}
        mine = []
        barrier.wait()
        for method, path, data, key in (
                ("GET", "/v1/slots?since=%s" % cursor, None, None),
                ("POST", "/v1/applications", body, str(uuid.uuid4()))):
            t = time.monotonic()
            try:
                status, _, _ = client.call(method, path, data, token=token, key=key)
            except (OSError, http.client.HTTPException) as e:
                status = repr(e)
            mine.append(time.monotonic() - t)
            if not (isinstance(status, int) and 200 <= status < 300):
                with lock:
                    errors.append(status)
        client.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=device, args=(i,)) for i in indices]
    for t in threads:
        t.start()
    if release is not None:
        release.wait()  # every process's threads ready
    barrier.wait()
    start = time.monotonic()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    return latencies, errors, wall


def _run_devices_forked(n, make_connection, token, cursor, processes):
    ctx = multiprocessing.get_context("fork")
    release = ctx.Barrier(processes + 1)
    results = ctx.Queue()

    def child(k):
        lat, err, _ = _run_devices_threads(range(k, n, processes), make_connection, token, cursor,
                                           release)
        results.put((lat, [str(e) for e in err]))

    procs = [ctx.Process(target=child, args=(k,)) for k in range(processes)]
    for p in procs:
        p.start()
    release.wait()
    start = time.monotonic()
    latencies, errors = [], []
    for _ in procs:
        lat, err = results.get()
        latencies.extend(lat)
        errors.extend(err)
    wall = time.monotonic() - start
    for p in procs:
        p.join()
    return latencies, errors, wall


def run_program(n, url, token, cursor, ca_file=None, resume=False):
    """n devices as threads of bench-server-devices (C, libsoup): one
    SoupSession and connection each, released together. (latencies in s,
    errors, wall s)."""
    cmd = [DEVICES_PROGRAM, "--url", url, "--token", token, "--cursor", str(cursor),
           "--devices", str(n)]
    if ca_file:
        cmd += ["--ca-file", ca_file]
    if resume:
        cmd += ["--resume"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=600)
    latencies, errors, wall, connects, kinds = [], [], float("nan"), [], {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if parts[0] == "wall":
            wall = int(parts[1]) / 1e6
            continue
        if parts[0] == "connect":
            connects.append(int(parts[2]) / 1e6)
            kinds[parts[3]] = kinds.get(parts[3], 0) + 1
            continue
        status, us = int(parts[2]), int(parts[3])
        latencies.append(us / 1e6)
        if not 200 <= status < 300:
            errors.append(status)
    if out.stderr.strip():
        print("# devices: %s" % out.stderr.strip().splitlines()[0], file=sys.stderr)
    if ca_file:
        print("# connect + TLS handshake: p50 %.0f ms, p99 %.0f ms (%s)"
              % (percentile(connects, 50) * 1000, percentile(connects, 99) * 1000,
                 ", ".join("%d %s" % (v, k) for k, v in sorted(kinds.items()))))
    return latencies, errors, wall


def cursor_before(client, back):
    """A cursor `back` slot changes before the newest: a realistic delta."""
    status, _, page = client.call("GET", "/v1/slots?since=0&limit=5000")
    cursor = int(page["cursor"])
    return max(0, cursor - back)


def load():
    """The load averages (1, 5, 15 min), as uptime shows them."""
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def report(name, n, latencies, errors, wall, rss_kib):
    print("# %s: load average %s at the end" % (name, load()))
    rps = len(latencies) / wall
    p50 = percentile(latencies, 50) * 1000
    p99 = percentile(latencies, 99) * 1000
    mean = sum(latencies) / len(latencies) * 1000
    print("server\t%s requests/s\t%.0f\treq/s\t-" % (name, rps))
    print("server\t%s p50\t%.0f\tms\t-" % (name, p50))
    print("server\t%s p99\t%.0f\tms\t<= 500" % (name, p99))
    print("server\t%s errors\t%d\tof %d\t0" % (name, len(errors), len(latencies)))
    print("server\t%s servers' peak RSS\t%.1f\tMiB\t-" % (name, rss_kib / 1024.0))
    if errors:
        print("# %s errors: %s" % (name, sorted(set(map(str, errors)))[:5]), file=sys.stderr)
    sys.stdout.flush()
    return {"rps": rps, "p50": p50, "p99": p99, "mean": mean, "errors": len(errors),
            "rss": rss_kib / 1024.0, "n": len(latencies), "wall": wall, "load": load()}


CLIENT_PROCESSES = 1
SERVER_ARGS = []
DEVICES_PROGRAM = None
RETURNING = True


def one_instance(name, n, db=None):
    srv = h.Server(*SERVER_ARGS, db=db) if db else h.Server(*SERVER_ARGS)
    try:
        client = f.Client(lambda: http.client.HTTPConnection(srv.host, srv.port, timeout=60))
        cursor = cursor_before(client, 20)
        client.close()
        if DEVICES_PROGRAM:
            lat, err, wall = run_program(n, "http://%s:%d" % (srv.host, srv.port), srv.kiosk,
                                         cursor)
        else:
            lat, err, wall = run_devices(n, lambda: http.client.HTTPConnection(
                srv.host, srv.port, timeout=60), srv.kiosk, cursor, CLIENT_PROCESSES)
        return report(name, n, lat, err, wall, srv.hwm_kib())
    finally:
        srv.stop()


def behind_front(name, n):
    front = f.Front(3, extra=SERVER_ARGS)
    try:
        client = f.Client(front.connection)
        cursor = cursor_before(client, 20)
        client.close()
        if DEVICES_PROGRAM:
            lat, err, wall = run_program(n, "https://127.0.0.1:%d" % front.port, front.kiosk,
                                         cursor, ca_file=front.cert)
        else:
            lat, err, wall = run_devices(n, lambda: front.connection(60), front.kiosk, cursor,
                                         CLIENT_PROCESSES)
        print("# (c) TLS handshakes in nginx's log: %s" % front.handshakes())
        result = report(name, n, lat, err, wall, sum(s.hwm_kib() for s in front.servers))
        if DEVICES_PROGRAM and RETURNING:
            # The same front, devices that were here before: each offers
            # its TLS session ticket (not part of the target; a day's
            # normal rather than every device's first connection at once).
            lat, err, wall = run_program(n, "https://127.0.0.1:%d" % front.port, front.kiosk,
                                         cursor, ca_file=front.cert, resume=True)
            print("# (c) TLS handshakes in nginx's log, both bursts and the returning devices' "
                  "first visits: %s" % front.handshakes())
            result["returning"] = report(name + ", returning devices", n, lat, err, wall,
                                         sum(s.hwm_kib() for s in front.servers))
        return result
    finally:
        front.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, default=300)
    parser.add_argument("--no-durable", action="store_true",
                        help="the tests' cluster (fsync and synchronous commit off) instead of "
                        "production's durability")
    parser.add_argument("--client-processes", type=int, default=4,
                        help="client processes the devices are spread over (4; 1: all in one, "
                        "as before 2026-12-05)")
    parser.add_argument("--devices-program",
                        help="bench-server-devices: the devices as C threads with libsoup "
                        "(the app's stack); without it, Python threads in --client-processes")
    parser.add_argument("--no-returning", action="store_true",
                        help="skip the second burst of (c) with devices resuming their TLS session")
    parser.add_argument("--python-devices", action="store_true",
                        help="Python devices even when --devices-program is given")
    parser.add_argument("--workers", type=int, default=0,
                        help="each instance's --workers and --db-pool (default: the server's, 4)")
    parser.add_argument("--only", choices=("a", "b", "c"), action="append",
                        help="run only these setups (repeatable)")
    args = parser.parse_args()
    n = args.devices
    global CLIENT_PROCESSES, DEVICES_PROGRAM, RETURNING
    RETURNING = not args.no_returning
    CLIENT_PROCESSES = args.client_processes
    if args.devices_program and not args.python_devices:
        DEVICES_PROGRAM = args.devices_program
    if args.workers:
        SERVER_ARGS.extend(["--workers", str(args.workers), "--db-pool", str(args.workers)])
    # PostgreSQL as in production: fsync, synchronous_commit and
    # full_page_writes on (pg-cluster.sh, YRS_PG_DURABLE).
    os.environ["YRS_PG_DURABLE"] = "0" if args.no_durable else "1"
    print("# PostgreSQL cluster: %s" % ("fsync=off, synchronous_commit=off" if args.no_durable
                                        else "fsync=on, synchronous_commit=on (production)"))
    print("# load average %s at the start" % load())
    only = set(args.only or "abc")
    nothing = {"rps": float("nan"), "p50": float("nan"), "p99": float("nan"), "mean": float("nan"),
               "errors": 0, "rss": float("nan"), "n": 0, "load": "-"}
    if DEVICES_PROGRAM:
        print("# %d devices at once, threads of bench-server-devices (C, GnuTLS, no TLS session resumed), each "
              "GET /v1/slots?since= and POST /v1/applications" % n)
    else:
        print("# %d devices at once in %d Python client processes, each GET /v1/slots?since= "
              "and POST /v1/applications" % (n, CLIENT_PROCESSES))
    a = one_instance("(a) 1 × SQLite", n) if "a" in only else nothing
    b = one_instance("(b) 1 × PostgreSQL", n, db=h.pg_new_database()) if "b" in only else nothing
    c = behind_front("(c) 3 × PostgreSQL + nginx", n) if "c" in only else nothing
    if a["n"] and b["n"]:
        print("server\tPostgreSQL / SQLite, mean time per request\t%.2f\tx\t-" % (b["mean"] / a["mean"]))
        print("server\tPostgreSQL / SQLite, requests/s\t%.2f\tx\t-" % (b["rps"] / a["rps"]))
    print("")
    print("| setup | req/s | p50 ms | p99 ms | errors | servers' peak RSS MiB | load average |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, r in (("(a) 1 × SQLite", a), ("(b) 1 × PostgreSQL", b),
                    ("(c) 3 × PostgreSQL + nginx (TLS)", c)):
        rows = [(name, r)]
        if "returning" in r:
            rows.append((name + ", returning devices (TLS resumed)", r["returning"]))
        for name, r in rows:
            if r["n"]:
                print("| %s | %.0f | %.0f | %.0f | %d / %d | %.1f | %s |"
                      % (name, r["rps"], r["p50"], r["p99"], r["errors"], r["n"], r["rss"],
                         r["load"]))


if __name__ == "__main__":
    main()
