#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Coming back with a receipt (issue 20, point 8), over real loopback HTTP:

- POST /v1/lookups answers only on a match of reference and birth date,
  with the state the server knows and a token bound to the reference and
  to the asking device; a wrong birth date and an unknown reference get
  the same answer;
- with the token, that device (and no other) books with her registration
  and cancels her booking; the slot's place comes back;
- wrong tries are throttled per device and per reference, with a growing
  Retry-After;
- hostile bodies get a 400 naming the field;
- the log and the failure table hold no reference and no birth date."""

import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrs_server_harness as h  # noqa: E402

BIRTH = "1992-04-15"
REGISTRATION = {"name": "山田 花子", "name_kana": "ヤマダ ハナコ", "phone": "078-123-4567",
                "due_on": "2026-03-01", "tax_exempt": True, "birth_on": BIRTH}
SEEN = []   # references and dates that must never reach the log


def call(srv, method, path, token=None, body=None, idem=None, headers=None):
    hdrs = list(headers or [])
    if token:
        hdrs.append(("Authorization", "Bearer " + token))
    if idem is None and method in ("POST", "DELETE") and not path.startswith("/v1/lookups"):
        idem = "test-" + uuid.uuid4().hex
    if idem:
        hdrs.append(("Idempotency-Key", idem))
    status, rh, data = srv.request(method, path, body, hdrs)
    return status, rh, (json.loads(data) if data else None)


def admin(srv, *args):
    out = subprocess.run([h.server_bin(), "admin", "--db", srv.db] + list(args),
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def column(srv, sql, *args):
    """The first column of every row, on either backend (YRS_TEST_DB)."""
    if h.PG:
        text = h.pg_query(srv.db, sql, *args)
        return text.split("\n") if text else []
    db = sqlite3.connect(srv.db)
    try:
        return [row[0] for row in db.execute(sql, args)]
    finally:
        db.close()


def booked(srv, slot):
    return int(column(srv, "SELECT booked FROM slots WHERE id = ?", slot)[0])


def free_slot(srv, skip=()):
    status, _, page = call(srv, "GET", "/v1/slots?limit=500")
    assert status == 200
    now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + 86400))
    for s in page["slots"]:
        if (s["booked"] < s["capacity"] and s["starts_at"] > now and not s.get("deleted")
                and s["id"] not in skip):
            return s
    raise AssertionError("no free slot")


def lookup(srv, device, reference, birth):
    return call(srv, "POST", "/v1/lookups", device, {"reference": reference, "birth_on": birth})


def register(srv, device, birth=BIRTH):
    body = dict(REGISTRATION, birth_on=birth)
    status, _, reg = call(srv, "POST", "/v1/registrations", device, body)
    assert status == 201, reg
    SEEN.append(reg["reference"])
    return reg


def test_match_book_cancel(srv):
    device_b = admin(srv, "add-device", "kiosk-comeback-b")
    reg = register(srv, srv.kiosk)
    # Another kiosk without proof sees nothing.
    status, _, _ = call(srv, "GET", "/v1/registrations/" + reg["id"], device_b)
    assert status == 404, status

    status, headers, found = lookup(srv, device_b, reg["reference"], BIRTH)
    assert status == 200, found
    assert found["kind"] == "registration" and found["status"] == "approved", found
    assert found["can_book"] is True and found["registration"] == reg["id"], found
    assert found["bookings"] == [] and found["token"] and found["expires_at"], found
    assert "idempotent-replayed" not in headers

    slot = free_slot(srv)
    before = booked(srv, slot["id"])
    # Without the token, kiosk B cannot book with her registration.
    status, _, problem = call(srv, "POST", "/v1/reservations", device_b,
                              {"registration": reg["id"], "slot": slot["id"]})
    assert status == 422, (status, problem)
    status, _, rsv = call(srv, "POST", "/v1/reservations", device_b,
                          {"registration": reg["id"], "slot": slot["id"],
                           "lookup_token": found["token"]})
    assert status == 201, rsv
    SEEN.append(rsv["reference"])
    assert booked(srv, slot["id"]) == before + 1

    # The lookup now lists the booking; by the booking's own reference too.
    status, _, again = lookup(srv, device_b, reg["reference"], BIRTH)
    assert status == 200 and [b["id"] for b in again["bookings"]] == [rsv["id"]], again
    assert again["bookings"][0]["status"] == "confirmed"
    assert again["bookings"][0]["facility"] == slot["facility"]
    status, _, by_rsv = lookup(srv, device_b, rsv["reference"], BIRTH)
    assert status == 200 and by_rsv["kind"] == "reservation" and by_rsv["status"] == "confirmed", by_rsv

    # A third device cannot use kiosk B's token.
    device_c = admin(srv, "add-device", "kiosk-comeback-c")
    status, _, _ = call(srv, "POST", "/v1/reservations/%s/cancel" % rsv["id"], device_c,
                        {"lookup_token": again["token"]})
    assert status == 404, status
    status, _, _ = call(srv, "POST", "/v1/reservations", device_c,
                        {"registration": reg["id"], "slot": free_slot(srv, {slot["id"]})["id"],
                         "lookup_token": again["token"]})
    assert status == 422, status
    # A token for another reference does not reach this booking.
    other = register(srv, srv.kiosk, "1990-01-01")
    status, _, other_found = lookup(srv, device_c, other["reference"], "1990-01-01")
    assert status == 200
    status, _, _ = call(srv, "POST", "/v1/reservations/%s/cancel" % rsv["id"], device_c,
                        {"lookup_token": other_found["token"]})
    assert status == 404, status
    assert booked(srv, slot["id"]) == before + 1

    # Kiosk B cancels with the proof; the place comes back.
    status, _, cancelled = call(srv, "POST", "/v1/reservations/%s/cancel" % rsv["id"], device_b,
                                {"lookup_token": again["token"]})
    assert status == 200 and cancelled["status"] == "cancelled", cancelled
    assert booked(srv, slot["id"]) == before
    status, _, after = lookup(srv, device_b, reg["reference"], BIRTH)
    assert after["bookings"][0]["status"] == "cancelled", after

    # The device's own booking cancels without a token (kiosk A's).
    status, _, own = call(srv, "POST", "/v1/reservations", srv.kiosk,
                          {"registration": reg["id"], "slot": slot["id"]})
    assert status == 201, own
    status, _, cancelled = call(srv, "POST", "/v1/reservations/%s/cancel" % own["id"], srv.kiosk, {})
    assert status == 200 and cancelled["status"] == "cancelled"
    assert booked(srv, slot["id"]) == before


def test_application(srv):
    status, _, app = call(srv, "POST", "/v1/applications", srv.kiosk,
                          {"programme": "support_payment_pregnancy",
                           "fields": {"applicant.name": "神戸 みなと", "applicant.kana": "コウベ ミナト",
                                      "applicant.birth_date": "1995-11-03"}})
    assert status == 201, app
    SEEN.append(app["reference"])
    device = admin(srv, "add-device", "kiosk-comeback-app")
    status, _, found = lookup(srv, device, app["reference"], "1995-11-03")
    assert status == 200, found
    # A support payment waits for its consultation (issue 17).
    assert found["kind"] == "application" and found["status"] == "waiting_for_consultation", found
    assert found["programme"] == "support_payment_pregnancy" and found["can_book"] is False


def test_wrong_birth_date(srv):
    reg = register(srv, srv.kiosk)
    device = admin(srv, "add-device", "kiosk-comeback-wrong")
    status, _, wrong = lookup(srv, device, reg["reference"], "1992-04-16")
    assert status == 404, wrong
    SEEN.append("1992-04-16")
    status, _, unknown = lookup(srv, device, "REG-ZZZZ-ZZZZ", BIRTH)
    assert status == 404, unknown
    # The same answer: nothing tells a wrong date from an unknown reference.
    assert wrong == unknown, (wrong, unknown)
    assert "token" not in wrong and "status" in wrong and wrong["status"] == 404
    # A registration sent without a birth date is never matched.
    status, _, bare = call(srv, "POST", "/v1/registrations", srv.kiosk,
                           {k: v for k, v in REGISTRATION.items() if k != "birth_on"})
    assert status == 201
    SEEN.append(bare["reference"])
    status, _, _ = lookup(srv, admin(srv, "add-device", "kiosk-comeback-bare"), bare["reference"], BIRTH)
    assert status == 404


def test_throttle_device(srv):
    reg = register(srv, srv.kiosk, "1988-08-08")
    device = admin(srv, "add-device", "kiosk-comeback-throttle")
    statuses = []
    retry = []
    for day in ("01", "02", "03", "04"):
        started = time.monotonic()
        status, headers, _ = lookup(srv, device, reg["reference"], "1988-08-" + day)
        statuses.append(status)
        retry.append(int(headers.get("retry-after", "0")))
        h.note("wrong try %s: %d after %.2f s, Retry-After %s"
               % (day, status, time.monotonic() - started, headers.get("retry-after")))
    assert statuses == [404, 404, 429, 429], statuses
    assert retry[2] >= 9, retry
    # Paused: even the right date is not looked at from this device.
    status, headers, _ = lookup(srv, device, reg["reference"], "1988-08-08")
    assert status == 429 and int(headers["retry-after"]) >= 1, status
    # After the pause, the next wrong try pauses it for twice as long.
    time.sleep(retry[3] + 0.5)
    status, headers, _ = lookup(srv, device, reg["reference"], "1988-08-05")
    assert status == 429 and int(headers["retry-after"]) >= 19, (status, headers)
    # Another device is not slowed by it.
    other = admin(srv, "add-device", "kiosk-comeback-other")
    status, _, found = lookup(srv, other, reg["reference"], "1988-08-08")
    assert status == 200, found


def test_throttle_reference(srv):
    reg = register(srv, srv.kiosk, "1991-01-20")
    devices = [admin(srv, "add-device", "kiosk-comeback-ref-%d" % i) for i in range(3)]
    statuses = []
    n = 0
    for device in devices:
        for _ in range(2):
            n += 1
            statuses.append(lookup(srv, device, reg["reference"], "1991-02-%02d" % n)[0])
    # The fifth wrong try on the reference, from any device, pauses it.
    assert statuses[:4] == [404] * 4 and statuses[4] == 429, statuses
    fresh = admin(srv, "add-device", "kiosk-comeback-ref-fresh")
    status, headers, _ = lookup(srv, fresh, reg["reference"], "1991-01-20")
    assert status == 429 and "retry-after" in headers, status
    # Another reference is not paused.
    other = register(srv, srv.kiosk, "1991-01-20")
    status, _, _ = lookup(srv, fresh, other["reference"], "1991-01-20")
    assert status == 200


def test_hostile(srv):
    device = admin(srv, "add-device", "kiosk-comeback-hostile")
    cases = [
        (b"not json", "body"),
        (b"[]", "body"),
        (b'{"reference": "REG-AAAA-BBBB"}', "birth_on"),
        (b'{"birth_on": "1990-01-01"}', "reference"),
        (b'{"reference": "REG-AAAA-BBBB", "birth_on": "1990-02-30"}', "birth_on"),
        (b'{"reference": "REG-AAAA-BBBB", "birth_on": "1990-1-1"}', "birth_on"),
        (b'{"reference": "reg-aaaa-bbbb", "birth_on": "1990-01-01"}', "reference"),
        (b'{"reference": "REG-AAAA-BBBB\\n", "birth_on": "1990-01-01"}', "reference"),
        (b'{"reference": "REG-\' OR 1=1 --", "birth_on": "1990-01-01"}', "reference"),
        (b'{"reference": "REG-' + b"A" * 5000 + b'", "birth_on": "1990-01-01"}', "reference"),
        (b'{"reference": 12, "birth_on": "1990-01-01"}', "reference"),
        (b'{"reference": "REG-AAAA-BBBB", "birth_on": ["1990-01-01"]}', "birth_on"),
        (b'{"reference": "REG-AAAA-BBBB", "birth_on": "1990-01-01"' + b'}' * 0, "body"),
        (b'{"a":' * 100 + b'1' + b'}' * 100, "body"),
    ]
    for raw, field in cases:
        status, _, problem = call(srv, "POST", "/v1/lookups", device, raw)
        assert status == 400, (raw[:60], status, problem)
        assert problem["title"] and problem["detail"], problem
        if field != "body":
            assert [e["field"] for e in problem["errors"]] == [field], (raw[:60], problem)
    # Wrong content type, no token.
    status, _, _ = call(srv, "POST", "/v1/lookups", device, b'{}', headers=[("Content-Type", "text/plain")])
    assert status == 415, status
    status, _, _ = call(srv, "POST", "/v1/lookups", None, {"reference": "REG-AAAA-BBBB",
                                                           "birth_on": "1990-01-01"})
    assert status == 401, status
    status, _, _ = call(srv, "GET", "/v1/lookups", device)
    assert status == 405, status
    # Cancel: a bad body, an unknown reservation.
    status, _, _ = call(srv, "POST", "/v1/reservations/rsv-x/cancel", device, b'{"lookup_token": 5}')
    assert status == 400, status
    status, _, _ = call(srv, "POST", "/v1/reservations/rsv-x/cancel", device, {})
    assert status == 404, status
    # None of the bad bodies counted as a wrong try.
    reg = register(srv, srv.kiosk, "1993-03-03")
    status, _, _ = lookup(srv, device, reg["reference"], "1993-03-03")
    assert status == 200, status


def test_nothing_personal_logged(srv):
    log = srv.dup_log()
    assert "/v1/lookups" in log, "the lookups are not in the request log"
    assert "POST /v1/lookups 404" in log and "POST /v1/lookups 429" in log, log[-2000:]
    assert "lookup paused: device:kiosk-comeback-throttle" in log, log[-2000:]
    for secret in SEEN + [BIRTH, "1988-08", "1991-01-20", "1995-11-03"]:
        assert secret not in log, "%s is in the log" % secret
    keys = column(srv, "SELECT key FROM lookup_failures WHERE scope = 'reference'")
    assert keys and not any(k.startswith(("REG", "RSV", "APP")) for k in keys), keys


def main():
    srv = h.Server()
    tap = h.Tap()
    try:
        tap.run("a match from another kiosk: state, book with the token, cancel, the place comes back",
                test_match_book_cancel, srv)
        tap.run("an application's state by its reference and birth date", test_application, srv)
        tap.run("a wrong birth date and an unknown reference get the same 404", test_wrong_birth_date, srv)
        tap.run("wrong tries pause the device (429, Retry-After), not another device",
                test_throttle_device, srv)
        tap.run("wrong tries on one reference from several devices pause the reference",
                test_throttle_reference, srv)
        tap.run("hostile bodies: 400 naming the field, never a wrong try", test_hostile, srv)
        tap.run("the log and the database hold no reference or birth date", test_nothing_personal_logged, srv)
    finally:
        srv.stop()
    tap.done()


if __name__ == "__main__":
    main()
