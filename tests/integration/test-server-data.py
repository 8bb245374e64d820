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
    out = b""
    for path in glob.glob(srv.db + "*"):
        with open(path, "rb") as f:
            out += f.read()
    return out


def count(srv, sql, *args):
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


TESTS = [
    ("no session token in the database; a replayed sign-in gets no dead token",
     test_no_token_stored),
    ("Idempotency-Keys are scoped per principal", test_key_scope),
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
