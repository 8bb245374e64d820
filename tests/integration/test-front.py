# SPDX-License-Identifier: GPL-3.0-or-later
"""Across instances (issue 15): three yorisoi-server processes on one
PostgreSQL database behind nginx (data/deploy/nginx/yorisoi.conf, TLS) on
loopback, each promise of the contract checked across them:

- 50 concurrent clients book a 10-place slot through the front: exactly 10
  confirmed, 40 clean 409s with alternatives, and the database agrees; one
  booking cancelled at the three instances at once frees one place;
- the same Idempotency-Key sent concurrently to different instances
  (directly) makes one object; the same key with another body is a 422;
- slots written concurrently through two instances and read as deltas
  through the third: the union of the deltas equals the table;
- kill -9 of one instance during 1,000 submissions whose clients retry with
  their keys through the front: every 2xx stored exactly once, none lost,
  the survivors keep serving;
- the database stopped for 10 s: 503 with Retry-After meanwhile, then the
  instances recover without a restart and the retries get through;
- the front itself: X-Request-Id passed through, the 1 MiB body limit."""

import http.client
import os
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrs_front as f  # noqa: E402
import yrs_server_harness as h  # noqa: E402

REGISTRATION = {"name": "神戸 みなと", "name_kana": "コウベ ミナト", "phone": "078-000-0000",
                "due_on": "2027-03-01", "ward": "chuo", "tax_exempt": False,
                "public_assistance": False}


def key():
    return str(uuid.uuid4())


def staff_token(front):
    c = f.Client(front.connection)
    status, _, body = c.call("POST", "/v1/staff/sessions",
                             {"staff_id": front.staff_id, "password": front.password},
                             key=key())
    assert status == 201, (status, body)
    return body["token"]


def new_slot(client, token, capacity, day):
    starts = "2031-%02d-%02dT10:00:00+09:00" % (1 + day // 28, 1 + day % 28)
    ends = starts.replace("T10:", "T16:")
    status, _, body = client.call("POST", "/v1/slots",
                                  {"facility": FACILITY[0], "kind": FACILITY[1],
                                   "starts_at": starts, "ends_at": ends,
                                   "capacity": capacity}, token=token, key=key())
    assert status == 201, (status, body)
    return body


FACILITY = [None, None]


def pick_facility(front):
    c = f.Client(front.connection)
    status, _, body = c.call("GET", "/v1/slots?limit=1")
    assert status == 200 and body["slots"], body
    FACILITY[0] = body["slots"][0]["facility"]
    FACILITY[1] = body["slots"][0]["kind"]


def run_threads(n, target):
    barrier = threading.Barrier(n)
    results = [None] * n
    errors = []

    def run(i):
        try:
            barrier.wait()
            results[i] = target(i)
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))
    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    return results


def test_overbooking(front):
    token = staff_token(front)
    c = f.Client(front.connection)
    slot = new_slot(c, token, 10, 1)
    regs = []
    for _ in range(50):
        status, _, body = c.call("POST", "/v1/registrations", REGISTRATION, token=front.kiosk,
                                 key=key())
        assert status == 201, body
        regs.append(body["id"])

    def book(i):
        client = f.Client(front.connection)
        try:
            return client.call("POST", "/v1/reservations",
                               {"registration": regs[i], "slot": slot["id"]},
                               token=front.kiosk, key=key())
        finally:
            client.close()
    results = run_threads(50, book)
    statuses = sorted(r[0] for r in results)
    assert statuses.count(201) == 10 and statuses.count(409) == 40, statuses
    for status, _, body in results:
        if status == 409:
            assert body["type"].endswith("slot-full") or "full" in body["type"], body
            assert "alternatives" in body, body
    # Which instances answered (nginx's log names the upstream).
    upstreams = set()
    for line in open(front.access_log):
        if "POST /v1/reservations" in line:
            upstreams.add(line.split("upstream=")[1].split("/")[0])
    assert len(upstreams) == 3, upstreams
    assert front.query("SELECT count(*) FROM reservations WHERE slot = ? AND status = 'confirmed'",
                       slot["id"]) == "10"
    assert front.query("SELECT booked FROM slots WHERE id = ?", slot["id"]) == "10"
    # One reservation cancelled at the three instances at once: one place
    # freed, not three.
    confirmed = [r[2]["id"] for r in results if r[0] == 201]

    def cancel(i):
        srv = front.servers[i]
        client = f.Client(lambda: http.client.HTTPConnection(srv.host, srv.port, timeout=30))
        try:
            return client.call("DELETE", "/v1/reservations/%s" % confirmed[0],
                               token=front.kiosk, key=key())
        finally:
            client.close()
    cancelled = run_threads(3, cancel)
    assert [r[0] for r in cancelled] == [200, 200, 200], cancelled
    assert front.query("SELECT booked FROM slots WHERE id = ?", slot["id"]) == "9"
    h.note("10 × 201, 40 × 409 with alternatives, through %d instances; the database: 10; "
           "one cancellation at 3 instances at once frees one place" % len(upstreams))


def test_same_key(front):
    body = {"programme": "postpartum_care", "fields": {"applicant.name": "同じ鍵 " + key()}}
    k = key()
    before = int(front.query("SELECT count(*) FROM applications"))

    # Connected beforehand, so that the requests leave together and meet
    # in the database.
    clients = []
    for i in range(15):
        srv = front.servers[i % 3]
        client = f.Client(lambda srv=srv: http.client.HTTPConnection(srv.host, srv.port,
                                                                     timeout=30))
        client.conn = client.make()
        client.conn.connect()
        clients.append(client)

    def send(i):
        try:
            return clients[i].call("POST", "/v1/applications", body, token=front.kiosk, key=k)
        finally:
            clients[i].close()
    results = run_threads(15, send)
    refs = set()
    for status, _, answer in results:
        assert status == 201, (status, answer)
        refs.add(answer["reference"])
    assert len(refs) == 1, refs
    replayed = sum(1 for _, rh, _ in results if rh.get("idempotent-replayed") == "true")
    assert replayed == 14, replayed
    assert int(front.query("SELECT count(*) FROM applications")) == before + 1
    # The same key with another body, at each instance: 422.
    other = {"programme": "postpartum_care", "fields": {"applicant.name": "別の本文"}}
    for srv in front.servers:
        client = f.Client(lambda: http.client.HTTPConnection(srv.host, srv.port, timeout=30))
        status, _, problem = client.call("POST", "/v1/applications", other, token=front.kiosk,
                                         key=k)
        client.close()
        assert status == 422 and problem["type"].endswith("idempotency-key-reused"), problem
    assert int(front.query("SELECT count(*) FROM applications")) == before + 1
    h.note("15 concurrent sends to 3 instances: one application, 14 replays; another body: 422")


def test_deltas(front):
    token = staff_token(front)
    c0 = f.Client(front.connection)
    status, _, page = c0.call("GET", "/v1/slots?since=0&limit=1")
    # The cursor now, read through the third instance.
    reader_srv = front.servers[2]
    reader = f.Client(lambda: http.client.HTTPConnection(reader_srv.host, reader_srv.port,
                                                         timeout=30))
    status, _, page = reader.call("GET", "/v1/slots?since=%s&limit=5000" % "0")
    while page["has_more"]:
        status, _, page = reader.call("GET", "/v1/slots?since=%s&limit=5000" % page["cursor"])
    start = page["cursor"]
    seen = {}
    done = threading.Event()

    def write(i):
        srv = front.servers[i % 2]
        client = f.Client(lambda: http.client.HTTPConnection(srv.host, srv.port, timeout=30))
        made = []
        for n in range(25):
            slot = new_slot(client, token, 3, 100 + i * 25 + n)
            made.append(slot["id"])
            if n % 5 == 4:
                status, _, _ = client.call("DELETE", "/v1/slots/%s" % made[-2], token=token,
                                           key=key())
                assert status == 200
        client.close()
        return made

    def read_deltas():
        cursor = start
        while True:
            finished = done.is_set()
            status, _, page = reader.call("GET", "/v1/slots?since=%s&limit=50" % cursor)
            assert status == 200
            for s in page["slots"]:
                prev = seen.get(s["id"])
                if prev is None or prev["revision"] <= s["revision"]:
                    seen[s["id"]] = s
            cursor = page["cursor"]
            if finished and not page["has_more"]:
                return cursor
    reader_thread = threading.Thread(target=lambda: seen.setdefault("__cursor", read_deltas()))
    reader_thread.start()
    made = run_threads(4, write)
    done.set()
    reader_thread.join()
    seen.pop("__cursor", None)
    rows = front.query("SELECT id, revision, deleted, booked FROM slots WHERE revision > ?",
                       start).splitlines()
    table = {}
    for row in rows:
        sid, rev, deleted, booked = row.split("|")
        table[sid] = (int(rev), deleted == "1", int(booked))
    union = {sid: (s["revision"], bool(s.get("deleted", False)), s["booked"])
             for sid, s in seen.items()}
    assert sum(len(m) for m in made) == 100
    assert union == table, (len(union), len(table),
                            sorted(set(table.items()) ^ set(union.items()))[:5])
    h.note("100 slots and 20 withdrawals through 2 instances; deltas through the third: "
           "%d changes, equal to the table" % len(table))


def test_kill(front):
    marker = "kill-" + key()[:8]
    n = 1000
    todo = list(range(n))
    lock = threading.Lock()
    answers = {}
    retried = [0]
    started = threading.Event()

    def client_loop(_):
        client = f.Client(front.connection)
        while True:
            with lock:
                if not todo:
                    break
                i = todo.pop()
            body = {"programme": "postpartum_care",
                    "fields": {"applicant.name": "%s-%04d" % (marker, i)}}
            k = "%s-%d" % (marker, i)
            deadline = time.time() + 60
            while True:
                try:
                    status, _, answer = client.call("POST", "/v1/applications", body,
                                                    token=front.kiosk, key=k)
                except (OSError, http.client.HTTPException):
                    status, answer = None, None
                    client.close()
                if status is not None and 200 <= status < 300:
                    with lock:
                        answers[i] = answer["reference"]
                        if len(answers) == 300:
                            started.set()
                    break
                # The outbox's way: the same key again, a little later.
                assert status in (None, 502, 503, 504), (status, answer)
                with lock:
                    retried[0] += 1
                assert time.time() < deadline, "no answer for %d" % i
                time.sleep(0.2)
        client.close()

    victim = front.servers[1]

    def killer():
        started.wait(120)
        victim.proc.kill()
        victim.proc.wait()
    k = threading.Thread(target=killer)
    k.start()
    run_threads(20, client_loop)
    k.join()
    assert victim.proc.poll() is not None
    assert len(answers) == n, len(answers)
    rows = front.query("SELECT reference, fields FROM applications WHERE fields LIKE ?",
                       "%" + marker + "%").splitlines()
    stored = {}
    for row in rows:
        ref, fields = row.split("|", 1)
        stored.setdefault(ref, []).append(fields)
    assert len(rows) == n, len(rows)                       # none twice, none lost
    assert set(stored) == set(answers.values())           # every 2xx is a stored row
    for srv in (front.servers[0], front.servers[2]):
        status, _, _ = srv.request("GET", "/v1/health")
        assert status == 200
    c = f.Client(front.connection)
    for _ in range(6):
        status, _, _ = c.call("GET", "/v1/slots?limit=1")
        assert status == 200
    h.note("1000 submissions, instance killed after 300: %d retries; 1000 rows, "
           "each answer stored once; survivors serve" % retried[0])


def test_database_stop(front):
    pids = [s.proc.pid for s in front.servers if s.proc.poll() is None]
    d = h.pg_cluster()[0]
    c = f.Client(front.connection)
    status, _, _ = c.call("GET", "/v1/slots?limit=1")
    assert status == 200
    h_dir = d
    import subprocess
    subprocess.run(["/bin/sh", h.pg_script(), "stop", h_dir], check=True)
    stopped = time.time()
    seen_503 = 0
    bodies = [{"programme": "postpartum_care",
               "fields": {"applicant.name": "停止中 %d" % i}} for i in range(5)]
    keys = [key() for _ in bodies]
    while time.time() - stopped < 10:
        status, rh, _ = c.call("GET", "/v1/slots?limit=1")
        assert status == 503 and "retry-after" in rh, (status, rh)
        status, rh, _ = c.call("POST", "/v1/applications", bodies[seen_503 % 5],
                               token=front.kiosk, key=keys[seen_503 % 5])
        assert status == 503 and "retry-after" in rh, (status, rh)
        seen_503 += 2
        time.sleep(0.5)
    subprocess.run(["/bin/sh", h.pg_script(), "start-again", h_dir], check=True)
    # The clients' retries, with their keys, get through by themselves.
    refs = {}
    deadline = time.time() + 30
    while len(refs) < len(bodies):
        assert time.time() < deadline, refs
        for i, body in enumerate(bodies):
            if i in refs:
                continue
            status, rh, answer = c.call("POST", "/v1/applications", body, token=front.kiosk,
                                        key=keys[i])
            if status == 201:
                refs[i] = answer["reference"]
            else:
                assert status == 503, (status, answer)
        time.sleep(0.5)
    for i, body in enumerate(bodies):
        assert front.query("SELECT count(*) FROM applications WHERE reference = ?",
                           refs[i]) == "1"
    assert [s.proc.pid for s in front.servers if s.proc.poll() is None] == pids
    for _ in range(6):
        status, _, _ = c.call("GET", "/v1/slots?limit=1")
        assert status == 200
    h.note("database stopped 10 s: %d answers, all 503 with Retry-After; back without a "
           "restart, 5 retried submissions stored once each" % seen_503)


def test_front(front):
    c = f.Client(front.connection)
    status, rh, _ = c.call("GET", "/v1/catalog", headers={"X-Request-Id": "front-test-42"})
    assert status == 200 and rh.get("x-request-id") == "front-test-42", rh
    assert any("id=front-test-42" in s.dup_log() for s in front.servers)
    # nginx logs the request after the answer has gone out.
    deadline = time.time() + 5
    while "id=front-test-42" not in open(front.access_log).read():
        assert time.time() < deadline, "not in nginx's access log"
        time.sleep(0.1)
    status, rh, _ = c.call("GET", "/v1/catalog")
    assert len(rh.get("x-request-id", "")) >= 16, rh
    big = b'{"programme": "postpartum_care", "fields": {"x": "' + b"a" * (1024 * 1024) + b'"}}'
    status, _, _ = c.call("POST", "/v1/applications", big, token=front.kiosk, key=key())
    assert status == 413, status
    c.close()
    status, _, _ = c.call("GET", "/metrics")
    assert status == 404
    h.note("X-Request-Id through nginx to the instance and back; 1 MiB + 60 bytes: 413")


def main():
    tap = h.Tap()
    if not h.PG:
        tap.run("YRS_TEST_DB=postgresql", lambda: None)
        tap.done()
        return
    front = f.Front(3)
    try:
        pick_facility(front)
        tap.run("the front: X-Request-Id through, 1 MiB body limit", test_front, front)
        tap.run("50 clients book a 10-place slot through the front: 10 × 201, 40 × 409",
                test_overbooking, front)
        tap.run("one Idempotency-Key at three instances: one object; another body 422",
                test_same_key, front)
        tap.run("slot writes at two instances, deltas at the third: nothing skipped",
                test_deltas, front)
        tap.run("kill -9 of an instance during 1000 submissions: each stored once",
                test_kill, front)
        tap.run("the database stopped for 10 s: 503, then recovery without a restart",
                test_database_stop, front)
    finally:
        front.stop()
    tap.done()


if __name__ == "__main__":
    main()
