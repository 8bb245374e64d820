#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""yorisoi-server's connections under hostile and careless clients, over
real loopback TCP (issue 16, findings 1, 2 and the slow clients of 6):

- 5,000 keep-alive connections closed by the client leave the server's
  open descriptors and RSS flat (under a 1,024-descriptor limit) and it
  still answers;
- a declared 1 GiB body is refused with 413 at a memory cost under 10 MB;
  a declared but unsent body gets an answer (413 over the limit at once,
  408 after the body timeout under it);
- 200 slow-header connections are closed after the header timeout while
  a normal client stays under 50 ms;
- Expect: 100-continue with an over-limit body gets 413 and no 100;
- repeated Content-Type / Authorization / Content-Length headers get a 400
  naming the header, and nothing is stored.
"""

import json
import os
import resource
import socket
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrs_server_harness as h  # noqa: E402

APPLICATION = {
    "programme": "support_payment_pregnancy",
    "fields": {"applicant.name": "神戸 みなと", "applicant.kana": "コウベ ミナト",
               "applicant.phone": "09012345678", "consent": True},
}


def count_rows(srv, table):
    db = sqlite3.connect(srv.db)
    try:
        return db.execute("SELECT count(*) FROM %s" % table).fetchone()[0]
    finally:
        db.close()


def keep_alive_get(srv, s, path="/v1/facilities"):
    h.send_request(s, "GET", path)
    status, headers, _ = h.read_response(s)
    assert status == 200, status
    assert headers.get("connection") == "keep-alive", headers
    return headers


def low_fd_limit():
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))


def test_closed_keep_alive(srv):
    for _ in range(50):            # warm up: caches, threads, databases
        s = srv.connect()
        keep_alive_get(srv, s)
        s.close()
    time.sleep(0.5)
    fds0, rss0 = srv.open_fds(), srv.rss_kib()
    # Two requests on one connection: it is kept alive.
    s = srv.connect()
    keep_alive_get(srv, s)
    keep_alive_get(srv, s)
    s.close()
    started = time.monotonic()
    for _ in range(5000):
        s = srv.connect()
        keep_alive_get(srv, s)
        s.close()
    took = time.monotonic() - started
    deadline = time.monotonic() + 5
    while srv.open_fds() > fds0 + 5 and time.monotonic() < deadline:
        time.sleep(0.1)
    fds1, rss1 = srv.open_fds(), srv.rss_kib()
    h.note("5,000 closed keep-alive connections in %.1f s: open descriptors %d -> %d, "
           "RSS %d -> %d KiB" % (took, fds0, fds1, rss0, rss1))
    assert fds1 <= fds0 + 5, (fds0, fds1)
    if "ASAN_OPTIONS" in os.environ:
        # AddressSanitizer keeps freed memory in quarantine (256 MB): RSS
        # says nothing there; its leak check at the server's exit does.
        h.note("under AddressSanitizer: RSS not compared")
    else:
        assert rss1 - rss0 < 2048, (rss0, rss1)
    status, _, _ = srv.request("GET", "/v1/facilities")
    assert status == 200


def test_huge_content_length(srv):
    time.sleep(0.2)
    rss0, hwm0 = srv.rss_kib(), srv.hwm_kib()
    s = srv.connect()
    s.sendall(("POST /v1/applications HTTP/1.1\r\nHost: x\r\n"
               "Authorization: Bearer %s\r\nIdempotency-Key: huge-1\r\n"
               "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n"
               % (srv.kiosk, 1 << 30)).encode())
    # Send what the server will take before it answers, then read.
    sent = 0
    chunk = b" " * 65536
    s.settimeout(0.2)
    reply = b""
    while sent < (256 << 20):
        try:
            sent += s.send(chunk)
        except (socket.timeout, BlockingIOError):
            pass
        except (BrokenPipeError, ConnectionResetError):
            break
        try:
            data = s.recv(65536)
            if data:
                reply += data
                if b"\r\n\r\n" in reply:
                    break
        except socket.timeout:
            pass
    s.settimeout(10)
    while b"\r\n\r\n" not in reply:
        data = s.recv(65536)
        if not data:
            break
        reply += data
    s.close()
    status = int(reply.split(b" ", 2)[1])
    assert status == 413, reply[:200]
    assert b"Content-Length" in reply.split(b"\r\n\r\n", 1)[1], reply
    time.sleep(0.3)
    rss1, hwm1 = srv.rss_kib(), srv.hwm_kib()
    h.note("1 GiB declared (%d MiB sent before the answer): 413; RSS %d -> %d KiB, "
           "peak %d -> %d KiB" % (sent >> 20, rss0, rss1, hwm0, hwm1))
    if "ASAN_OPTIONS" not in os.environ:
        assert hwm1 - hwm0 < 10 * 1024, (hwm0, hwm1)
        assert rss1 - rss0 < 10 * 1024, (rss0, rss1)

    # 70 MiB declared, nothing sent: refused at once.
    s = srv.connect(timeout=5)
    s.sendall(("POST /v1/applications HTTP/1.1\r\nHost: x\r\n"
               "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n"
               % (70 << 20)).encode())
    status, headers, body = h.read_response(s)
    s.close()
    assert status == 413, status
    assert "Content-Length" in json.loads(body)["errors"][0]["field"], body

    # 1,000 bytes declared, nothing sent: 408 after the body timeout (2 s).
    started = time.monotonic()
    s = srv.connect(timeout=10)
    s.sendall(b"POST /v1/applications HTTP/1.1\r\nHost: x\r\n"
              b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
    status, headers, body = h.read_response(s)
    waited = time.monotonic() - started
    assert status == 408, status
    assert s.recv(100) == b""       # and closed
    s.close()
    h.note("1,000 bytes declared, 1 sent: 408 after %.1f s" % waited)
    assert 1.5 < waited < 5, waited
    status, _, _ = srv.request("GET", "/v1/facilities")
    assert status == 200


def normal_latencies(srv, seconds):
    out = []
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        t0 = time.monotonic()
        status, _, _ = srv.request("GET", "/v1/facilities")
        out.append((time.monotonic() - t0) * 1000)
        assert status == 200
        time.sleep(0.05)
    out.sort()
    return out


def slowloris(host, port):
    """The attacker, in a process of its own (so that its 200 sockets do not
    share the measuring client's interpreter): opens 200 connections, sends
    a header line on each every 0.3 s until the server closes it, and
    prints how long that took and whether each got a 408."""
    conns = []
    for _ in range(200):
        s = socket.create_connection((host, port), timeout=10)
        s.sendall(b"GET /v1/facilities HTTP/1.1\r\nHost: x\r\n")
        s.setblocking(False)
        conns.append(s)
    opened = time.monotonic()
    print("opened", flush=True)
    replies = [b""] * len(conns)
    closed_at = [None] * len(conns)
    n = 0
    while None in closed_at and time.monotonic() - opened < 10:
        for i, s in enumerate(conns):
            if closed_at[i] is not None:
                continue
            try:
                while True:
                    data = s.recv(4096)
                    if not data:
                        closed_at[i] = time.monotonic() - opened
                        break
                    replies[i] += data
            except BlockingIOError:
                pass
            except OSError:
                closed_at[i] = time.monotonic() - opened
            if closed_at[i] is None:
                try:
                    s.send(b"X-%d: y\r\n" % n)
                except OSError:
                    pass
        n += 1
        time.sleep(0.3)
    got_408 = sum(1 for r in replies if r.startswith(b"HTTP/1.1 408 "))
    worst = max(t if t is not None else 99 for t in closed_at)
    print("result %d %.2f" % (got_408, worst), flush=True)


def test_slow_headers(srv):
    import subprocess
    # The same client alone first: on a shared, loaded machine its own
    # scheduling is part of every figure.
    baseline = normal_latencies(srv, 1.0)
    base90 = baseline[int(len(baseline) * 0.9) - 1]
    attacker = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--slowloris",
                                 srv.host, str(srv.port)], stdout=subprocess.PIPE, text=True)
    try:
        assert attacker.stdout.readline().strip() == "opened"
        latencies = normal_latencies(srv, 1.5)
        line = attacker.stdout.readline().split()
    finally:
        attacker.wait(30)
    assert line and line[0] == "result", line
    got_408, worst = int(line[1]), float(line[2])
    p90 = latencies[int(len(latencies) * 0.9) - 1]
    h.note("200 slow-header connections: %d answered 408, all closed %.1f s after opening "
           "(header timeout 2 s); a normal client meanwhile: %d requests, median %.1f ms, "
           "p90 %.1f ms, max %.1f ms (alone just before: median %.1f ms, p90 %.1f ms; "
           "load average %s)"
           % (got_408, worst, len(latencies), latencies[len(latencies) // 2], p90,
              latencies[-1], baseline[len(baseline) // 2], base90,
              open("/proc/loadavg").read().split()[0]))
    assert got_408 == 200, got_408
    assert worst < 4.5, worst
    # Under 50 ms at the 90th percentile; on a machine so loaded that the
    # client alone is slower, within 3 times its figure alone.
    assert p90 < max(50, 3 * base90), (latencies, baseline)


def test_expect_continue(srv):
    s = srv.connect(timeout=5)
    s.sendall(("POST /v1/applications HTTP/1.1\r\nHost: x\r\n"
               "Authorization: Bearer %s\r\nIdempotency-Key: expect-1\r\n"
               "Content-Type: application/json\r\nExpect: 100-continue\r\n"
               "Content-Length: %d\r\n\r\n" % (srv.kiosk, 60 << 20)).encode())
    status, headers, body = h.read_response(s)
    s.close()
    assert status == 413, status

    # Under the limit: 100 Continue, then the answer.
    data = json.dumps(APPLICATION).encode()
    s = srv.connect(timeout=5)
    s.sendall(("POST /v1/applications HTTP/1.1\r\nHost: x\r\n"
               "Authorization: Bearer %s\r\nIdempotency-Key: expect-2\r\n"
               "Content-Type: application/json\r\nExpect: 100-continue\r\n"
               "Content-Length: %d\r\n\r\n" % (srv.kiosk, len(data))).encode())
    status, _, _ = h.read_response(s)
    assert status == 100, status
    s.sendall(data)
    status, _, body = h.read_response(s)
    s.close()
    assert status == 201, (status, body)


def test_repeated_headers(srv):
    before = count_rows(srv, "applications")
    body = json.dumps(APPLICATION).encode()
    cases = [
        ("Content-Type", [("Content-Type", "text/plain"), ("Content-Type", "application/json")]),
        ("Authorization", [("Authorization", "Bearer nothing"),
                           ("Authorization", "Bearer " + srv.kiosk)]),
        ("Content-Length", [("Content-Length", str(len(body))),
                            ("Content-Length", str(len(body)))]),
        ("Idempotency-Key", [("Idempotency-Key", "a"), ("Idempotency-Key", "b")]),
    ]
    for name, headers in cases:
        hdrs = list(headers)
        names = [n for n, _ in hdrs]
        if "Authorization" not in names:
            hdrs.append(("Authorization", "Bearer " + srv.kiosk))
        if "Idempotency-Key" not in names:
            hdrs.append(("Idempotency-Key", "repeat-" + name))
        if "Content-Type" not in names:
            hdrs.append(("Content-Type", "application/json"))
        status, _, reply = srv.request("POST", "/v1/applications", body, hdrs)
        assert status == 400, (name, status, reply)
        fields = [e["field"] for e in json.loads(reply)["errors"]]
        assert fields == [name], (name, reply)
    assert count_rows(srv, "applications") == before
    # Transfer-Encoding is not taken.
    status, _, _ = srv.request("POST", "/v1/applications", None,
                               [("Transfer-Encoding", "chunked"),
                                ("Authorization", "Bearer " + srv.kiosk)])
    assert status == 411, status
    assert count_rows(srv, "applications") == before


def main():
    tap = h.Tap()
    # A 1,024-descriptor limit, as in the report: without the fix the
    # server stops answering after about 1,000 closed connections.
    srv_limited = None
    try:
        srv_limited = h.Server("--header-timeout", "2", "--body-timeout", "2",
                               preexec=low_fd_limit)
        tap.run("5,000 closed keep-alive connections leave descriptors and RSS flat",
                test_closed_keep_alive, srv_limited)
        tap.run("a huge Content-Length is refused with 413 at little cost",
                test_huge_content_length, srv_limited)
        tap.run("200 slow-header connections are closed; a normal client stays fast",
                test_slow_headers, srv_limited)
        tap.run("Expect: 100-continue over the limit gets 413 and no 100",
                test_expect_continue, srv_limited)
        tap.run("repeated single headers are refused, nothing stored",
                test_repeated_headers, srv_limited)
    finally:
        if srv_limited:
            srv_limited.stop()
    tap.done()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--slowloris":
        slowloris(sys.argv[2], int(sys.argv[3]))
    else:
        main()
