#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What yorisoi-server keeps and whom it shows it to, over real loopback
HTTP (issue 16, findings 4, 5 and 6):

- no live session token in the database (the idempotency table kept the
  sign-in's 201 body); a sign-in replayed after sign-out does not give
  the dead token back;
- Idempotency-Keys are scoped per principal;
- ownership between devices and staff (see test_ownership);
- strict input (see test_strict_input)."""

import glob
import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrs_server_harness as h  # noqa: E402

REGISTRATION = {"name": "山田 花子", "name_kana": "ヤマダ ハナコ", "phone": "078-123-4567",
                "due_on": "2026-03-01", "tax_exempt": True}


def key():
    return "test-" + uuid.uuid4().hex


def call(srv, method, path, token=None, body=None, idem=None, headers=None):
    hdrs = list(headers or [])
    if token:
        hdrs.append(("Authorization", "Bearer " + token))
    if idem is None and method in ("POST", "DELETE"):
        idem = key()
    if idem:
        hdrs.append(("Idempotency-Key", idem))
    status, rh, data = srv.request(method, path, body, hdrs)
    return status, rh, (json.loads(data) if data else None)


def db_bytes(srv):
    if h.PG:
        return subprocess.run(["/usr/bin/pg_dump", "--data-only", srv.db], check=True,
                              capture_output=True).stdout
    out = b""
    for path in glob.glob(srv.db + "*"):
        with open(path, "rb") as f:
            out += f.read()
    return out


def count(srv, sql, *args):
    if h.PG:
        text = h.pg_query(srv.db, sql, *args).split("\n")[0]
        return int(text) if text.lstrip("-").isdigit() else (text or None)
    db = sqlite3.connect(srv.db)
    try:
        return db.execute(sql, args).fetchone()[0]
    finally:
        db.close()


def sign_in(srv, idem=None):
    status, _, body = call(srv, "POST", "/v1/staff/sessions",
                           body={"staff_id": srv.staff_id, "password": srv.password}, idem=idem)
    assert status == 201, (status, body)
    return body["token"]


def test_no_token_stored(srv):
    k = key()
    token = sign_in(srv, k)
    assert token.encode() not in db_bytes(srv), "the session token is in the database"
    status, _, _ = call(srv, "DELETE", "/v1/staff/sessions/current", token)
    assert status == 204, status
    status, headers, body = call(srv, "POST", "/v1/staff/sessions",
                                 body={"staff_id": srv.staff_id, "password": srv.password}, idem=k)
    assert not (status == 201 and body["token"] == token), "the dead token came back"
    assert "idempotent-replayed" not in headers
    status, _, _ = call(srv, "GET", "/v1/registrations/reg-x", token)
    assert status == 401, status
    assert body["token"].encode() not in db_bytes(srv)


def test_key_scope(srv):
    staff = sign_in(srv)
    k = key()
    s1, _, a = call(srv, "POST", "/v1/registrations", srv.kiosk, REGISTRATION, k)
    s2, h2, b = call(srv, "POST", "/v1/registrations", staff, REGISTRATION, k)
    assert (s1, s2) == (201, 201), (s1, s2, b)
    assert a["id"] != b["id"], "another principal's key replayed its answer"
    assert "idempotent-replayed" not in h2
    # The same principal still gets its replay.
    s3, h3, c = call(srv, "POST", "/v1/registrations", srv.kiosk, REGISTRATION, k)
    assert s3 == 201 and c["id"] == a["id"] and h3.get("idempotent-replayed") == "true"


def admin(srv, *args, stdin=None):
    out = subprocess.run([h.server_bin(), "admin", "--db", srv.db] + list(args),
                         input=stdin, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def free_slots(srv, n):
    status, _, page = call(srv, "GET", "/v1/slots?limit=500")
    assert status == 200
    now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + 86400))
    slots = [s for s in page["slots"]
             if s["booked"] < s["capacity"] and s["starts_at"] > now and not s.get("deleted")]
    assert len(slots) >= n, len(slots)
    return slots[:n]


def test_ownership(srv):
    device_b = admin(srv, "add-device", "kiosk-b")
    admin(srv, "add-staff", "nurse-chuo", "--ward", "chuo", stdin="nurse-password-1\n")
    status, _, body = call(srv, "POST", "/v1/staff/sessions",
                           body={"staff_id": "nurse-chuo", "password": "nurse-password-1"})
    assert status == 201, body
    nurse = body["token"]
    supervisor = sign_in(srv)

    # Device A (the demo kiosk) registers, books and applies.
    _, _, reg = call(srv, "POST", "/v1/registrations", srv.kiosk, REGISTRATION)
    slot = free_slots(srv, 1)[0]
    status, _, rsv = call(srv, "POST", "/v1/reservations", srv.kiosk,
                          {"registration": reg["id"], "slot": slot["id"]})
    assert status == 201, rsv
    status, _, app = call(srv, "POST", "/v1/applications", srv.kiosk,
                          {"programme": "support_payment_pregnancy",
                           "fields": {"applicant.name": "神戸 みなと",
                                      "applicant.kana": "コウベ ミナト"}})
    assert status == 201, app
    booked = count(srv, "SELECT booked FROM slots WHERE id = ?", slot["id"])

    # Device B sees none of it and cannot act on it.
    def b(method, path, body=None, token=device_b):
        return call(srv, method, path, token, body)[0]

    assert b("GET", "/v1/registrations/" + reg["id"]) == 404
    status, _, problem = call(srv, "POST", "/v1/reservations", device_b,
                              {"registration": reg["id"], "slot": slot["id"]})
    assert status == 422 and problem["errors"][0]["field"] == "registration", (status, problem)
    assert b("DELETE", "/v1/reservations/" + rsv["id"]) == 404
    assert b("DELETE", "/v1/reservations/" + rsv["reference"]) == 404
    for ref in (reg["reference"], rsv["reference"], app["reference"]):
        assert b("GET", "/v1/submissions/" + ref) == 404, ref
        assert b("GET", "/v1/submissions/" + ref, token=None) == 401, ref
        assert b("GET", "/v1/submissions/" + ref, token=srv.kiosk) == 200, ref
        assert b("GET", "/v1/submissions/" + ref, token=supervisor) == 200, ref
    assert count(srv, "SELECT booked FROM slots WHERE id = ?", slot["id"]) == booked
    assert count(srv, "SELECT count(*) FROM reservations WHERE id = ? AND status = 'confirmed'",
                 rsv["id"]) == 1

    # A nurse of the chuo ward sees chuo's registrations, not others; she
    # may not approve or manage slots (a supervisor's work).
    assert b("GET", "/v1/registrations/" + reg["id"], token=nurse) == 404
    chuo = dict(REGISTRATION, ward="chuo")
    _, _, reg_chuo = call(srv, "POST", "/v1/registrations", srv.kiosk, chuo)
    assert b("GET", "/v1/registrations/" + reg_chuo["id"], token=nurse) == 200
    assert b("POST", "/v1/registrations/%s/approve" % reg_chuo["id"], token=nurse) == 403
    assert b("POST", "/v1/registrations/%s/approve" % reg_chuo["id"], token=supervisor) == 200
    assert b("POST", "/v1/slots", {"facility": slot["facility"], "kind": slot["kind"],
                                   "starts_at": slot["starts_at"], "ends_at": slot["ends_at"],
                                   "capacity": 1}, token=nurse) == 403
    # A disabled nurse is signed out at once (the admin command runs beside
    # the live server: this also showed that it deleted the server's WAL,
    # see yrs-server-db.c).
    admin(srv, "disable-staff", "nurse-chuo")
    assert b("GET", "/v1/registrations/" + reg_chuo["id"], token=nurse) == 401
    # A revoked device too.
    admin(srv, "revoke-device", "kiosk-b")
    assert b("GET", "/v1/submissions/" + reg["reference"]) == 401


def test_booking_limit(srv):
    # The catalogue's postpartum_care.max_active_bookings (7, a sample).
    _, _, reg = call(srv, "POST", "/v1/registrations", srv.kiosk, REGISTRATION)
    slots = free_slots(srv, 9)
    made = 0
    for slot in slots[:7]:
        status, _, body = call(srv, "POST", "/v1/reservations", srv.kiosk,
                               {"registration": reg["id"], "slot": slot["id"]})
        assert status == 201, body
        made += 1
    before = count(srv, "SELECT count(*) FROM reservations WHERE registration = ?", reg["id"])
    status, _, problem = call(srv, "POST", "/v1/reservations", srv.kiosk,
                              {"registration": reg["id"], "slot": slots[7]["id"]})
    assert status == 422, (status, problem)
    assert problem["errors"] == [{"field": "registration", "code": "booking_limit"}], problem
    assert count(srv, "SELECT count(*) FROM reservations WHERE registration = ?",
                 reg["id"]) == before
    # A cancellation frees one.
    status, _, _ = call(srv, "DELETE", "/v1/reservations/%s" % (
        sqlite_first(srv, "SELECT id FROM reservations WHERE registration = ?", reg["id"])),
        srv.kiosk)
    assert status == 200
    status, _, body = call(srv, "POST", "/v1/reservations", srv.kiosk,
                           {"registration": reg["id"], "slot": slots[8]["id"]})
    assert status == 201, body


REG_TEXT = json.dumps(REGISTRATION, ensure_ascii=False)


def reg_with(member, raw):
    """The registration body with one member's value replaced by raw JSON text."""
    body = dict(REGISTRATION)
    body[member] = "@@"
    return json.dumps(body, ensure_ascii=False).replace('"@@"', raw)


def app_with(member, raw):
    body = {"programme": "support_payment_pregnancy",
            "fields": {"applicant.name": "神戸 みなと", member: "@@"}}
    return json.dumps(body, ensure_ascii=False).replace('"@@"', raw)


STRICT_CASES = [
    # (what, path, body text, status, field)
    ("010 (octal-looking)", "/v1/applications",
     app_with("household.children_count", "010"), 422, "fields.household.children_count"),
    ("0x10", "/v1/applications",
     app_with("household.children_count", "0x10"), 422, "fields.household.children_count"),
    ("1e21", "/v1/applications", app_with("fee_yen", "1e21"), 422, "fields.fee_yen"),
    ("a 30-digit integer", "/v1/applications",
     app_with("fee_yen", "1" * 30), 422, "fields.fee_yen"),
    ("two JSON documents back to back", "/v1/registrations", REG_TEXT + REG_TEXT, 400, "body"),
    ("an escaped NUL, a\\u0000b", "/v1/registrations", reg_with("name", r'"a\u0000b"'), 422, "name"),
    ("a name of three spaces", "/v1/registrations", reg_with("name", r'"   "'), 422, "name"),
    ("a name of ideographic spaces", "/v1/registrations", reg_with("name", r'"\u3000\u3000"'),
     422, "name"),
    ("a name with a control character", "/v1/registrations", reg_with("name", r'"山田\u0007"'),
     422, "name"),
    ("a name with CR/LF", "/v1/registrations", reg_with("name", r'"山田\r\nX-Injected: 1"'),
     422, "name"),
    ("a name with U+202E", "/v1/registrations", reg_with("name", r'"\u202eakoh"'), 422, "name"),
    ("an applicant name with LF", "/v1/applications", app_with("applicant.name", r'"a\nb"'),
     422, "fields.applicant.name"),
    ("an applicant name of spaces", "/v1/applications", app_with("applicant.name", '"  "'),
     422, "fields.applicant.name"),
    ("a due date in year 1", "/v1/registrations", reg_with("due_on", '"0001-01-01"'),
     422, "due_on"),
    ("a due date in year 9999", "/v1/registrations", reg_with("due_on", '"9999-12-31"'),
     422, "due_on"),
    ("a repeated member", "/v1/registrations",
     REG_TEXT[:-1] + ', "name": "別人"}', 422, "name"),
    ("a leading plus", "/v1/applications", app_with("fee_yen", "+1"), 422, "fields.fee_yen"),
    ("NaN", "/v1/applications", app_with("fee_yen", "NaN"), 400, "fields.fee_yen"),
]


def test_strict_input(srv):
    # The refusals are kept under their keys (a resend is answered alike),
    # but nothing of what they carried.
    tables = ("registrations", "applications", "reservations")
    kept_before = count(srv, "SELECT count(*) FROM idempotency WHERE status < 400")
    before = {t: count(srv, "SELECT count(*) FROM %s" % t) for t in tables}
    for what, path, text, status, field in STRICT_CASES:
        got, _, problem = call(srv, "POST", path, srv.kiosk, text.encode())
        assert got == status, (what, got, problem)
        fields = [e["field"] for e in problem.get("errors", [])]
        assert fields == [field] or (not fields and problem["detail"].startswith(field + ":")), \
            (what, problem)
    after = {t: count(srv, "SELECT count(*) FROM %s" % t) for t in tables}
    assert after == before, (before, after)
    assert count(srv, "SELECT count(*) FROM idempotency WHERE status < 400") == kept_before
    # And the same bodies written plainly are taken.
    status, _, _ = call(srv, "POST", "/v1/registrations", srv.kiosk, REG_TEXT.encode())
    assert status == 201
    h.note("%d lenient inputs refused with 400/422 naming the field; nothing stored"
           % len(STRICT_CASES))


def sqlite_first(srv, sql, *args):
    return count(srv, sql, *args)


TESTS = [
    ("no session token in the database; a replayed sign-in gets no dead token",
     test_no_token_stored),
    ("Idempotency-Keys are scoped per principal", test_key_scope),
    ("objects belong to their device or staff; roles; receipts need a token",
     test_ownership),
    ("a registration holds at most the catalogue's number of bookings",
     test_booking_limit),
    ("lenient input is refused, naming the field, and nothing is stored",
     test_strict_input),
]


def main():
    tap = h.Tap()
    srv = h.Server()
    try:
        for name, func in TESTS:
            tap.run(name, func, srv)
    finally:
        srv.stop()
    tap.done()


if __name__ == "__main__":
    main()
