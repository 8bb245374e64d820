#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""POST /v1/staff/password over real loopback TCP (issue 18), on SQLite and
(as server-password-pg) on PostgreSQL:

- a new password that is too short (< 10 characters) or the current one
  is refused with 422 naming "new", and nothing changes;
- a wrong current password is throttled as sign-in is: 401 login-failed,
  then 429 with Retry-After at that address, not at another;
- no token is 401, a kiosk's device token 403;
- the right one answers 204: the old password no longer signs in, the new
  one does, the other sessions of the staff member end and the one that
  asked stays."""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrs_server_harness as h  # noqa: E402

NEW_PASSWORD = "a-much-longer-new-password"


def key():
    return ("Idempotency-Key", os.urandom(8).hex())


def sign_in(srv, password, source):
    body = {"staff_id": srv.staff_id, "password": password}
    status, _, text = srv.request("POST", "/v1/staff/sessions", body, [key()], source=source)
    return status, (json.loads(text)["token"] if status == 201 else None)


def change(srv, token, current, new, source):
    headers = [key()]
    if token:
        headers.append(("Authorization", "Bearer " + token))
    status, headers, text = srv.request("POST", "/v1/staff/password",
                                        {"current": current, "new": new}, headers,
                                        source=source)
    return status, headers, (json.loads(text) if text else None)


def session_alive(srv, token, source):
    # A staff route that changes nothing when refused: a slot with no body
    # fields is 422 for a live staff token, 401 for an ended one.
    status, _, _ = srv.request("POST", "/v1/slots", {}, [key(), ("Authorization", "Bearer " + token)],
                               source=source)
    return status != 401


def test_refusals(srv):
    status, token = sign_in(srv, srv.password, "127.0.0.2")
    assert status == 201, status
    status, _, problem = change(srv, token, srv.password, "short", "127.0.0.2")
    assert status == 422, status
    assert [e["field"] for e in problem["errors"]] == ["new"], problem
    status, _, problem = change(srv, token, srv.password, srv.password, "127.0.0.2")
    assert status == 422, status
    status, _, _ = change(srv, None, srv.password, NEW_PASSWORD, "127.0.0.2")
    assert status == 401, status
    status, _, _ = change(srv, srv.kiosk, srv.password, NEW_PASSWORD, "127.0.0.2")
    assert status == 403, status
    # Nothing changed.
    status, _ = sign_in(srv, srv.password, "127.0.0.2")
    assert status == 201, status


def test_throttled(srv):
    status, token = sign_in(srv, srv.password, "127.0.0.3")
    assert status == 201, status
    t0 = time.monotonic()
    for i in range(6):
        status, _, problem = change(srv, token, "guess-%d" % i, NEW_PASSWORD, "127.0.0.3")
        assert status == 401, status
        assert problem["type"].endswith(":login-failed"), problem
    slowed = time.monotonic() - t0
    # 2 free, then 0.25 + 0.5 + 1 + 2 s.
    assert slowed >= 3.5, slowed
    status, headers, _ = change(srv, token, srv.password, NEW_PASSWORD, "127.0.0.3")
    assert status == 429, status
    wait = int(headers["retry-after"])
    assert 1 <= wait <= 60, wait
    # Sign-in from that address is paused too (one count for both).
    status, _ = sign_in(srv, srv.password, "127.0.0.3")
    assert status == 429, status
    # And the password is unchanged.
    status, _ = sign_in(srv, srv.password, "127.0.0.4")
    assert status == 201, status
    h.note("6 wrong current passwords took %.1f s, then 429 Retry-After %d s" % (slowed, wait))


def test_changed(srv):
    status, mine = sign_in(srv, srv.password, "127.0.0.5")
    assert status == 201, status
    status, other = sign_in(srv, srv.password, "127.0.0.6")
    assert status == 201, status
    assert session_alive(srv, other, "127.0.0.6")
    status, _, _ = change(srv, mine, srv.password, NEW_PASSWORD, "127.0.0.5")
    assert status == 204, status
    assert session_alive(srv, mine, "127.0.0.5")
    assert not session_alive(srv, other, "127.0.0.6")
    status, _ = sign_in(srv, srv.password, "127.0.0.7")
    assert status == 401, status
    status, _ = sign_in(srv, NEW_PASSWORD, "127.0.0.7")
    assert status == 201, status


def main():
    tap = h.Tap()
    srv = h.Server()
    try:
        tap.run("too short or unchanged: 422; no token 401; a device 403", test_refusals, srv)
        tap.run("a wrong current password is throttled as sign-in", test_throttled, srv)
        tap.run("changed: old refused, new signs in, other sessions end", test_changed, srv)
    finally:
        srv.stop()
    tap.done()


if __name__ == "__main__":
    main()
