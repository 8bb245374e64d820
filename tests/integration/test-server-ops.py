#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""yorisoi-server as a city's IT runs it (issue 16, operations), over real
loopback HTTP:

- GET /v1/health and GET /metrics for the host itself (127.0.0.1) or the
  configuration file's metrics token; 404 for anyone else (a client bound
  to 127.0.0.2 plays the stranger); the metrics parsed by Prometheus'
  own text parser (python3-prometheus-client);
- one log line per request with its request id (X-Request-Id taken or
  made), route template, status and duration, and never a token, a body,
  a query value or a receipt reference;
- the configuration file (--config, [server] group) with the command line
  overriding it;
- every `yorisoi-server admin` subcommand answers --help."""

import json
import os
import re
import subprocess
import sys
import tempfile

from prometheus_client.parser import text_string_to_metric_families

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrs_server_harness as h  # noqa: E402

TOKEN = "metrics-" + os.urandom(12).hex()


def families(text):
    return {f.name: f for f in text_string_to_metric_families(text)}


def test_health(srv):
    status, _, body = srv.request("GET", "/v1/health")
    assert status == 200 and json.loads(body) == {"status": "ok", "database": "ok"}, body
    status, _, _ = srv.request("GET", "/v1/health", source="127.0.0.2")
    assert status == 404, status
    status, _, _ = srv.request("GET", "/v1/health", source="127.0.0.2",
                               headers=[("Authorization", "Bearer " + TOKEN)])
    assert status == 200, status
    status, _, _ = srv.request("GET", "/v1/health", source="127.0.0.2",
                               headers=[("Authorization", "Bearer wrong")])
    assert status == 404, status


def test_metrics(srv):
    srv.request("GET", "/v1/facilities")
    srv.request("GET", "/v1/submissions/APP-AAAA-BBBB",
                headers=[("Authorization", "Bearer " + srv.kiosk)])
    srv.request("GET", "/nothing-here")
    status, headers, body = srv.request("GET", "/metrics")
    assert status == 200, status
    assert headers["content-type"].startswith("text/plain; version=0.0.4"), headers
    fam = families(body.decode())
    for name in ("yrs_http_requests", "yrs_http_request_duration_seconds",
                 "yrs_db_errors", "yrs_open_connections"):
        assert name in fam, (name, sorted(fam))
    requests = {(s.labels["method"], s.labels["route"], s.labels["status"]): s.value
                for s in fam["yrs_http_requests"].samples if s.name.endswith("_total")}
    assert requests[("GET", "/v1/facilities", "200")] >= 1, requests
    assert requests[("GET", "/v1/submissions/{reference}", "404")] >= 1, requests
    assert requests[("GET", "-", "404")] >= 1, requests
    buckets = [s for s in fam["yrs_http_request_duration_seconds"].samples
               if s.name.endswith("_bucket") and s.labels["route"] == "/v1/facilities"]
    assert buckets and buckets[-1].labels["le"] == "+Inf", buckets
    assert fam["yrs_open_connections"].samples[0].value >= 1
    assert fam["yrs_db_errors"].samples[0].value == 0
    # Not for strangers, but for the token.
    status, _, _ = srv.request("GET", "/metrics", source="127.0.0.2")
    assert status == 404, status
    status, _, body = srv.request("GET", "/metrics", source="127.0.0.2",
                                  headers=[("Authorization", "Bearer " + TOKEN)])
    assert status == 200 and "yrs_http_requests" in families(body.decode())
    h.note("metrics: %d families, %d request series"
           % (len(fam), len(requests)))


def test_log(srv):
    reference = "REG-SECR-ET99"
    status, headers, _ = srv.request("GET", "/v1/submissions/" + reference,
                                     headers=[("Authorization", "Bearer " + srv.kiosk),
                                              ("X-Request-Id", "trace-42.a_b")])
    assert status == 404 and headers["x-request-id"] == "trace-42.a_b", headers
    status, headers, _ = srv.request("GET", "/v1/slots?facility=fac-secret-value&limit=3")
    made = headers["x-request-id"]
    assert status == 200 and re.fullmatch(r"[0-9a-f]{16}", made), headers
    # A request id that is not a token is replaced.
    _, headers, _ = srv.request("GET", "/v1/facilities",
                                headers=[("X-Request-Id", "bad id\x7f")])
    assert headers["x-request-id"] != "bad id", headers
    body = {"name": "山田 秘密", "name_kana": "ヤマダ ヒミツ", "phone": "078-999-0000",
            "due_on": "2026-03-01"}
    srv.request("POST", "/v1/registrations", body,
                [("Authorization", "Bearer " + srv.kiosk), ("Idempotency-Key", "log-1")])
    status, _, session = srv.request("POST", "/v1/staff/sessions",
                                     {"staff_id": srv.staff_id, "password": srv.password},
                                     [("Idempotency-Key", "log-2")])
    token = json.loads(session)["token"]
    srv.request("GET", "/v1/registrations/reg-x", headers=[("Authorization", "Bearer " + token)])

    log = srv.dup_log()
    lines = [l for l in log.splitlines() if l.startswith("request ")]
    want = re.compile(r"^request (GET|POST|DELETE|HEAD|OTHER) (\S+) (\d{3}) (\d+\.\d\d)ms "
                      r"id=([A-Za-z0-9._-]{1,64})$")
    for line in lines:
        assert want.match(line), line
    assert "request GET /v1/submissions/{reference} 404 " in log
    assert re.search(r"^request GET /v1/submissions/\{reference\} 404 \S+ id=trace-42\.a_b$",
                     log, re.M), log
    assert re.search(r"^request GET /v1/slots\?facility&limit 200 \S+ id=%s$" % made, log, re.M)
    for secret in (reference, "fac-secret-value", "山田", "秘密", "078-999-0000",
                   srv.password, srv.kiosk, token):
        assert secret not in log, "%r is in the log" % secret
    h.note("%d request lines, e.g. %s" % (len(lines), lines[-1]))


def test_config():
    d = tempfile.mkdtemp(prefix="yrs-conf-")
    conf = os.path.join(d, "server.conf")
    file_db = os.path.join(d, "from-file.db")
    with open(conf, "w") as f:
        f.write("[server]\nport=1\ndb=%s\nmetrics-token=%s\nheader-timeout=1\n"
                "approve-after=0\n" % (file_db, TOKEN))
    # --port and --db on the command line win over the file's.
    srv = h.Server("--config", conf, "--header-timeout", "5")
    try:
        assert srv.port != 1
        assert os.path.exists(srv.db) and not os.path.exists(file_db)
        status, _, _ = srv.request("GET", "/metrics", source="127.0.0.2",
                                   headers=[("Authorization", "Bearer " + TOKEN)])
        assert status == 200, status          # the token came from the file
        # The command line's 5 s header timeout, not the file's 1 s.
        s = srv.connect(timeout=10)
        s.sendall(b"GET /v1/facilities HTTP/1.1\r\n")
        import time
        t0 = time.monotonic()
        data = s.recv(100)
        waited = time.monotonic() - t0
        s.close()
        assert data.startswith(b"HTTP/1.1 408"), data
        assert 4 < waited < 8, waited
    finally:
        srv.stop()
    bad = os.path.join(d, "bad.conf")
    with open(bad, "w") as f:
        f.write("[server]\nport=eighty\n")
    out = subprocess.run([h.server_bin(), "--config", bad, "--db", os.path.join(d, "x.db")],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2 and "port" in out.stderr, (out.returncode, out.stderr)


def test_admin_help():
    commands = ["add-staff", "disable-staff", "list-staff", "add-device", "revoke-device",
                "list-devices", "rotate-secret", "purge"]
    out = subprocess.run([h.server_bin(), "admin", "--help"], capture_output=True, text=True)
    assert out.returncode == 0, out
    for c in commands:
        assert c in out.stdout, (c, out.stdout)
        sub = subprocess.run([h.server_bin(), "admin", c, "--help"], capture_output=True,
                             text=True)
        assert sub.returncode == 0 and ("admin " + c) in sub.stdout, (c, sub)
    # A password is never an argument.
    d = tempfile.mkdtemp(prefix="yrs-admin-")
    db = os.path.join(d, "a.db")
    out = subprocess.run([h.server_bin(), "admin", "--db", db, "add-staff", "n1", "secret-pw-1"],
                         capture_output=True, text=True, input="")
    assert out.returncode == 2, out
    out = subprocess.run([h.server_bin(), "admin", "--db", db, "add-staff", "n1",
                          "--role", "supervisor"], capture_output=True, text=True,
                         input="a-long-password\n")
    assert out.returncode == 0, out
    with open(db, "rb") as f:
        assert b"a-long-password" not in f.read()
    out = subprocess.run([h.server_bin(), "admin", "--db", db, "list-staff"],
                         capture_output=True, text=True)
    assert re.search(r"^n1\s+supervisor\s+-\s+active$", out.stdout, re.M), out.stdout
    token = subprocess.run([h.server_bin(), "admin", "--db", db, "add-device", "k1"],
                           capture_output=True, text=True).stdout.strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token), token
    listing = subprocess.run([h.server_bin(), "admin", "--db", db, "list-devices"],
                             capture_output=True, text=True).stdout
    assert "k1" in listing and token not in listing


def test_retention():
    import sqlite3
    import time
    srv = h.Server("--retention-days", "30", "--retention-interval", "1")
    try:
        def post(path, body, key):
            status, _, data = srv.request("POST", path, body,
                                          [("Authorization", "Bearer " + srv.kiosk),
                                           ("Idempotency-Key", key)])
            assert status == 201, (status, data)
            return json.loads(data)

        reg = {"name": "保存 太郎", "name_kana": "ホゾン タロウ", "phone": "078-111-2222",
               "due_on": "2026-03-01"}
        old = post("/v1/registrations", reg, "ret-1")
        booked = post("/v1/registrations", reg, "ret-2")
        fresh = post("/v1/registrations", reg, "ret-3")
        status, _, page = srv.request("GET", "/v1/slots?limit=50")
        slot = [s for s in json.loads(page)["slots"] if s["booked"] < s["capacity"]][-1]
        post("/v1/reservations", {"registration": booked["id"], "slot": slot["id"]}, "ret-4")
        app = post("/v1/applications", {"programme": "support_payment_pregnancy",
                                        "fields": {"applicant.name": "保存 花子"}}, "ret-5")
        db = sqlite3.connect(srv.db)
        month = int(time.time()) - 31 * 86400
        db.execute("UPDATE registrations SET created_unix = ?, updated_unix = ?, approve_unix = ? "
                   "WHERE id IN (?, ?)", (month, month, month, old["id"], booked["id"]))
        db.execute("UPDATE applications SET created_unix = ?", (month,))
        db.execute("UPDATE idempotency SET created_unix = ? WHERE key = 'ret-3'",
                   (int(time.time()) - 49 * 3600,))
        db.commit()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            erased = db.execute("SELECT count(*) FROM registrations WHERE erased_unix IS NOT NULL"
                                ).fetchone()[0]
            if erased:
                break
            time.sleep(0.2)
        rows = dict((r[0], r[1:]) for r in db.execute(
            "SELECT id, name, phone, erased_unix IS NOT NULL FROM registrations"))
        assert rows[old["id"]] == ("", "", 1), rows[old["id"]]
        assert rows[booked["id"]][2] == 0, "a registration with a booking to come was erased"
        assert rows[fresh["id"]][2] == 0
        assert db.execute("SELECT fields FROM applications").fetchone()[0] == "{}"
        assert db.execute("SELECT count(*) FROM idempotency WHERE key = 'ret-3'"
                          ).fetchone()[0] == 0
        db.close()
        # The receipt still answers, without the personal fields.
        status, _, _ = srv.request("GET", "/v1/submissions/" + app["reference"],
                                   headers=[("Authorization", "Bearer " + srv.kiosk)])
        assert status == 200
        assert re.search(r"^retention: \d+ keys, \d+ sessions deleted; personal fields of "
                         r"1 registrations and 1 applications erased$", srv.dup_log(), re.M)
    finally:
        srv.stop()


def test_rotate_secret():
    import sqlite3
    d = tempfile.mkdtemp(prefix="yrs-rotate-")
    db = os.path.join(d, "server.db")
    env = {"YRS_DEMO_KIOSK_TOKEN": "kiosk-" + os.urandom(16).hex(),
           "YRS_DEMO_PASSWORD": "pw-" + os.urandom(8).hex()}
    body = {"name": "回転 試験", "name_kana": "カイテン シケン", "phone": "078-000-1111",
            "due_on": "2026-05-01"}

    def post(srv, data, key="rotate-1"):
        return srv.request("POST", "/v1/registrations", data,
                           [("Authorization", "Bearer " + srv.kiosk), ("Idempotency-Key", key)])

    srv = h.Server("--db", db, env=env)
    try:
        status, _, first = post(srv, body)
        assert status == 201, first
    finally:
        srv.stop()

    def secret():
        c = sqlite3.connect(db)
        try:
            return c.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()[0]
        finally:
            c.close()

    before = secret()
    out = subprocess.run([h.server_bin(), "admin", "--db", db, "rotate-secret"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out
    assert secret() != before and before not in out.stdout

    srv = h.Server("--db", db, env=env)
    try:
        # The stored answer still matches its request under the new secret...
        status, headers, again = post(srv, body)
        assert status == 201 and again == first, (status, again)
        assert headers.get("idempotent-replayed") == "true", headers
        # ...and the same key with another body is still told apart.
        other = dict(body, phone="078-000-2222")
        status, _, reply = post(srv, other)
        assert status == 422 and b"idempotency-key-reused" in reply, (status, reply)
    finally:
        srv.stop()
        import shutil
        shutil.rmtree(d, ignore_errors=True)


def main():
    tap = h.Tap()
    d = tempfile.mkdtemp(prefix="yrs-ops-")
    conf = os.path.join(d, "server.conf")
    with open(conf, "w") as f:
        f.write("[server]\nmetrics-token=%s\n" % TOKEN)
    srv = h.Server("--config", conf)
    try:
        tap.run("health: the host itself or the token", test_health, srv)
        tap.run("metrics in Prometheus' text format, the host itself or the token",
                test_metrics, srv)
        tap.run("one log line per request, with its id and no secrets", test_log, srv)
    finally:
        srv.stop()
    tap.run("the configuration file, overridden by the command line", test_config)
    tap.run("admin subcommands: --help, passwords never from argv, tokens once",
            test_admin_help)
    tap.run("retention: old keys deleted, personal fields erased once the city has them",
            test_retention)
    tap.run("rotate-secret: stored idempotency answers still match after a restart",
            test_rotate_secret)
    tap.done()


if __name__ == "__main__":
    main()
