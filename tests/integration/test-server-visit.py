#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The nurse's home visit and the supervisor's queue (issue 17), over real
loopback HTTP, on SQLite or PostgreSQL (YRS_TEST_DB):

- the staff session answer gives role and ward;
- support-payment applications and 産後ケア registrations arrive with a
  case in the ward of their postal code; a support payment waits for its
  consultation, and the consultation makes it ready to pay, as the
  receipt lookup and GET /v1/submissions show;
- a nurse sees her ward's cases only, adds a family, records
  consultations and EPDS screenings (counted again by the server);
- a supervisor sees her ward's pending registrations and approves or
  declines each once, with a reason to decline; a nurse cannot, another
  ward's supervisor cannot see it (404), a kiosk gets 403 everywhere;
- hostile bodies get a 422 listing each bad field; the same
  Idempotency-Key twice makes one record, two nurses two;
- one family, one case: the same mother's submissions (her kana in any
  width or script, and her birth date, both equal) join the ward's open
  case and fill in what it lacks; different mothers, another ward or a
  closed case never; the match key is a keyed hash;
- GET /v1/cases in pages (limit, after): every case exactly once, hostile
  values a 422 naming the field;
- nothing of these bodies reaches the log."""

import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrs_server_harness as h  # noqa: E402

CHUO = "chuo"
HIGASHINADA = "higashinada"
PASSWORD = "correct horse battery staple"
BIRTH = "1992-04-15"
SECRETS = []   # what must never reach the log


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


def admin(srv, *args, stdin=None):
    out = subprocess.run([h.server_bin(), "admin", "--db", srv.db] + list(args),
                         capture_output=True, text=True, check=True, input=stdin)
    return out.stdout.strip()


def column(srv, sql, *args):
    if h.PG:
        text = h.pg_query(srv.db, sql, *args)
        return text.split("\n") if text else []
    db = sqlite3.connect(srv.db)
    try:
        return [row[0] for row in db.execute(sql, args)]
    finally:
        db.close()


def execute(srv, sql, *args):
    if h.PG:
        h.pg_query(srv.db, sql, *args)
        return
    db = sqlite3.connect(srv.db)
    try:
        db.execute(sql, args)
        db.commit()
    finally:
        db.close()


def staff(srv, staff_id, role, ward=None):
    args = ["add-staff", staff_id, "--role", role]
    if ward:
        args += ["--ward", ward]
    admin(srv, *args, stdin=PASSWORD + "\n")
    status, _, session = call(srv, "POST", "/v1/staff/sessions", None,
                              {"staff_id": staff_id, "password": PASSWORD})
    assert status == 201, session
    return session


class People:
    pass


def setup(srv):
    p = People()
    p.nurse_session = staff(srv, "nurse-chuo", "nurse", CHUO)
    p.nurse = p.nurse_session["token"]
    p.nurse2 = staff(srv, "nurse-chuo-2", "nurse", CHUO)["token"]
    p.nurse_east = staff(srv, "nurse-east", "nurse", HIGASHINADA)["token"]
    p.sup_session = staff(srv, "sup-chuo", "supervisor", CHUO)
    p.sup = p.sup_session["token"]
    p.sup_east = staff(srv, "sup-east", "supervisor", HIGASHINADA)["token"]
    p.city = staff(srv, "sup-city", "supervisor")["token"]
    p.kiosk = srv.kiosk
    return p


# A kana of its own for each family of the older tests (one family, one
# case: the same kana and birth date would be one mother).
KANA = {"神戸 みなと": "コウベ ミナト", "須磨 あおい": "コウベ アオイ", "垂水 はるか": "コウベ タルミ",
        "灘 さくら": "コウベ サクラ", "山田 花子": "ヤマダ ハナコ", "東 灘子": "ヤマダ ナダコ",
        "三宮 みく": "ヤマダ ミク"}


def apply(srv, p, programme, name, postal_code="650-0001", child="2026-11-20", kana=None,
          birth=BIRTH, phone="09012345678"):
    body = {"programme": programme,
            "fields": {"applicant.name": name,
                       "applicant.kana": KANA[name] if kana is None else kana,
                       "applicant.birth_date": birth, "applicant.phone": phone,
                       "address.postal_code": postal_code, "address.line": "加納町6-5-1",
                       "child.birth_date": child}}
    if not body["fields"]["applicant.kana"]:
        del body["fields"]["applicant.kana"]
    status, _, app = call(srv, "POST", "/v1/applications", p.kiosk, body)
    assert status == 201, app
    SECRETS.append(name)
    return app


def register(srv, p, name, postal_code="650-0001", ward=CHUO, kana=None, birth=BIRTH,
             child="2026-11-20"):
    body = {"name": name, "name_kana": kana or KANA[name], "phone": "078-123-4567",
            "child_born_on": child, "tax_exempt": True, "birth_on": birth,
            "ward": ward, "postal_code": postal_code}
    status, _, reg = call(srv, "POST", "/v1/registrations", p.kiosk, body)
    assert status == 201, reg
    SECRETS.append(name)
    return reg


def cases(srv, token):
    status, _, answer = call(srv, "GET", "/v1/cases", token)
    assert status == 200, answer
    return answer


def case_of(srv, token, reference):
    for c in cases(srv, token)["cases"]:
        if any(s["reference"] == reference for s in c["submissions"]):
            return c
    return None


def lookup(srv, reference):
    status, _, found = call(srv, "POST", "/v1/lookups", srv.kiosk,
                            {"reference": reference, "birth_on": BIRTH})
    assert status == 200, found
    return found


def submission(srv, reference):
    status, _, found = call(srv, "GET", "/v1/submissions/" + reference, srv.kiosk)
    assert status == 200, found
    return found


def consultation(case_id, kind="after_birth", **extra):
    body = {"case": case_id, "kind": kind, "date": "2026-12-01", "place": "home",
            "present": ["mother", "partner"], "topics": ["feeding", "sleep"],
            "programmes_explained": ["postpartum_care"],
            "follow_up": {"kind": "phone", "date": "2026-12-08"},
            "notes": "よく眠れていない様子"}
    body.update(extra)
    return body


def screening(case_id, items, ack=False, **extra):
    body = {"case": case_id, "instrument": "epds", "date": "2026-12-01", "items": items,
            "offered": ["postpartum_care", "counselling"], "chosen": ["postpartum_care"],
            "urgent_acknowledged": ack}
    body.update(extra)
    return body


def fields_of(problem):
    return [e["field"] for e in problem.get("errors", [])]


# The tests

def test_session(srv, p):
    assert p.nurse_session["role"] == "nurse" and p.nurse_session["ward"] == CHUO, p.nurse_session
    assert p.sup_session["role"] == "supervisor" and p.sup_session["ward"] == CHUO
    status, _, city = call(srv, "POST", "/v1/staff/sessions", None,
                           {"staff_id": "sup-city", "password": PASSWORD})
    assert status == 201 and city["role"] == "supervisor" and city["ward"] is None, city


def test_kiosk_forbidden(srv, p):
    routes = [("GET", "/v1/cases", None), ("POST", "/v1/cases", {"family": {}}),
              ("POST", "/v1/consultations", {}), ("POST", "/v1/screenings", {}),
              ("GET", "/v1/registrations?state=pending", None),
              ("POST", "/v1/registrations/reg-x/decision", {"decision": "approve"})]
    for method, path, body in routes:
        status, _, problem = call(srv, method, path, p.kiosk, body)
        assert status == 403, (method, path, status, problem)
        status, _, _ = call(srv, method, path, None, body)
        assert status == 401, (method, path, status)


def test_payment_waits_for_consultation(srv, p):
    app = apply(srv, p, "support_payment_birth", "神戸 みなと")
    assert app["status"] == "waiting_for_consultation", app
    assert submission(srv, app["reference"])["status"] == "waiting_for_consultation"
    assert lookup(srv, app["reference"])["status"] == "waiting_for_consultation"
    # Another programme is received as before.
    status, _, other = call(srv, "POST", "/v1/applications", p.kiosk,
                            {"programme": "support_payment_pregnancy",
                             "fields": {"applicant.name": "神戸 ふたば"}})
    assert status == 201 and other["status"] == "waiting_for_consultation", other

    # The case: the nurse's ward (from the postal code), not another's.
    case = case_of(srv, p.nurse, app["reference"])
    assert case is not None
    assert case["ward"] == CHUO and case["added_by_staff"] is False, case
    assert case["id"].startswith("CASE-")
    assert case["family"]["name"] == "神戸 みなと" and case["family"]["postal_code"] == "650-0001"
    assert case["family"]["child_birth_date"] == "2026-11-20", case
    assert case["submissions"] == [{"reference": app["reference"], "kind": "application",
                                    "programme": "support_payment_birth",
                                    "state": "waiting_for_consultation"}], case
    assert case_of(srv, p.nurse_east, app["reference"]) is None
    assert case_of(srv, p.city, app["reference"]) is not None
    assert cases(srv, p.nurse)["ward"] == CHUO and cases(srv, p.city)["ward"] is None

    # Another ward's nurse: 404, as for an unknown case; the payment stays.
    status, _, _ = call(srv, "POST", "/v1/consultations", p.nurse_east, consultation(case["id"]))
    assert status == 404, status
    status, _, _ = call(srv, "POST", "/v1/consultations", p.nurse, consultation("CASE-ZZZZ-ZZZZ"))
    assert status == 404, status
    # The 8-month consultation does not pay the birth payment.
    status, _, eight = call(srv, "POST", "/v1/consultations", p.nurse,
                            consultation(case["id"], kind="eight_months"))
    assert status == 201 and eight["payments_ready"] == [], eight
    assert lookup(srv, app["reference"])["status"] == "waiting_for_consultation"

    # The consultation after the birth: ready to pay, by lookup too.
    key = "con-" + uuid.uuid4().hex
    status, _, con = call(srv, "POST", "/v1/consultations", p.nurse, consultation(case["id"]), idem=key)
    assert status == 201, con
    assert con["id"].startswith("CON-") and con["case"] == case["id"], con
    assert con["payments_ready"] == [app["reference"]], con
    assert lookup(srv, app["reference"])["status"] == "ready_to_pay"
    assert submission(srv, app["reference"])["status"] == "ready_to_pay"
    # The same key again: the same answer, one record.
    status, headers, again = call(srv, "POST", "/v1/consultations", p.nurse,
                                  consultation(case["id"]), idem=key)
    assert status == 201 and again == con, again
    assert headers.get("idempotent-replayed") == "true", headers
    # No longer waiting: off the list.
    assert case_of(srv, p.nurse, app["reference"]) is None
    n = column(srv, "SELECT count(*) FROM consultations WHERE case_id = ?", case["id"])
    assert int(n[0]) == 2, n   # the 8-month one and this one
    # Two nurses record the same family, with their own keys: both kept.
    status, _, second = call(srv, "POST", "/v1/consultations", p.nurse2, consultation(case["id"]))
    assert status == 201 and second["id"] != con["id"] and second["payments_ready"] == [], second
    n = column(srv, "SELECT count(*) FROM consultations WHERE case_id = ?", case["id"])
    assert int(n[0]) == 3, n
    p.closed_case = case["id"]


def test_pregnancy_payment(srv, p):
    app = apply(srv, p, "support_payment_pregnancy", "須磨 あおい", child="2027-03-01")
    case = case_of(srv, p.nurse, app["reference"])
    assert case["family"]["due_date"] == "2027-03-01", case
    status, _, con = call(srv, "POST", "/v1/consultations", p.nurse,
                          consultation(case["id"], kind="after_birth"))
    assert status == 201 and con["payments_ready"] == [], con
    status, _, con = call(srv, "POST", "/v1/consultations", p.nurse,
                          consultation(case["id"], kind="notification"))
    assert status == 201 and con["payments_ready"] == [app["reference"]], con
    assert lookup(srv, app["reference"])["status"] == "ready_to_pay"
    assert case_of(srv, p.nurse, app["reference"]) is None


def test_consultation_bad_input(srv, p):
    app = apply(srv, p, "support_payment_birth", "垂水 はるか")
    case = case_of(srv, p.nurse, app["reference"])
    bad = {"case": 7, "kind": "visit", "date": "01/12/2026", "place": "cafe",
           "present": "mother", "topics": ["feeding", "astrology"],
           "programmes_explained": [1], "follow_up": {"kind": "visit", "date": "soon"},
           "notes": False}
    status, _, problem = call(srv, "POST", "/v1/consultations", p.nurse, bad)
    assert status == 422, (status, problem)
    assert fields_of(problem) == ["case", "kind", "date", "place", "present", "topics[1]",
                                  "programmes_explained[0]", "follow_up.date", "notes"], problem
    status, _, problem = call(srv, "POST", "/v1/consultations", p.nurse,
                              consultation(case["id"], notes="x" * 2001))
    assert status == 422 and fields_of(problem) == ["notes"], problem
    status, _, problem = call(srv, "POST", "/v1/consultations", p.nurse,
                              consultation(case["id"], programmes_explained=["no_such_programme"]))
    assert status == 422 and fields_of(problem) == ["programmes_explained[0]"], problem
    status, _, problem = call(srv, "POST", "/v1/consultations", p.nurse,
                              consultation(case["id"], case="CASE-1' OR '1'='1"))
    assert status == 422 and fields_of(problem) == ["case"], problem
    status, _, problem = call(srv, "POST", "/v1/consultations", p.nurse, b"[1, 2]")
    assert status == 422, (status, problem)
    status, _, problem = call(srv, "POST", "/v1/consultations", p.nurse, b"{\"case\": ")
    assert status == 400, (status, problem)
    status, _, _ = call(srv, "POST", "/v1/consultations", p.nurse,
                        consultation(case["id"], notes="x" * (1024 * 1024 + 10)))
    assert status == 413, status
    # Nothing was recorded, and the payment still waits.
    n = column(srv, "SELECT count(*) FROM consultations WHERE case_id = ?", case["id"])
    assert int(n[0]) == 0, n
    assert lookup(srv, app["reference"])["status"] == "waiting_for_consultation"
    p.open_case = case["id"]


def test_screening(srv, p):
    app = apply(srv, p, "support_payment_birth", "灘 さくら")
    case = case_of(srv, p.nurse, app["reference"])
    status, _, con = call(srv, "POST", "/v1/consultations", p.nurse, consultation(case["id"]))
    assert status == 201, con
    items = [1, 2, 1, 1, 2, 1, 1, 1, 1, 1]   # 12, item 10 at 1
    status, _, problem = call(srv, "POST", "/v1/screenings", p.nurse,
                              screening(case["id"], items, consultation=con["id"]))
    assert status == 422 and fields_of(problem) == ["urgent_acknowledged"], problem
    key = "scr-" + uuid.uuid4().hex
    status, _, scr = call(srv, "POST", "/v1/screenings", p.nurse,
                          screening(case["id"], items, ack=True, consultation=con["id"]), idem=key)
    assert status == 201, scr
    assert scr["id"].startswith("SCR-") and scr["total"] == 12, scr
    assert scr["high"] is True and scr["urgent"] is True, scr
    status, _, again = call(srv, "POST", "/v1/screenings", p.nurse,
                            screening(case["id"], items, ack=True, consultation=con["id"]), idem=key)
    assert status == 201 and again == scr, again
    status, _, low = call(srv, "POST", "/v1/screenings", p.nurse2,
                          screening(case["id"], [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]))
    assert status == 201 and low["total"] == 8 and not low["high"] and not low["urgent"], low
    status, _, nine = call(srv, "POST", "/v1/screenings", p.nurse2,
                           screening(case["id"], [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]))
    assert status == 201 and nine["total"] == 9 and nine["high"] and not nine["urgent"], nine
    n = column(srv, "SELECT count(*) FROM screenings WHERE case_id = ?", case["id"])
    assert int(n[0]) == 3, n
    totals = sorted(int(t) for t in column(srv, "SELECT total FROM screenings WHERE case_id = ?",
                                            case["id"]))
    assert totals == [8, 9, 12], totals

    hostile = [
        ([0] * 11, ["items"]),
        ([0] * 9, ["items"]),
        ([0, 0, 0, 4, 0, 0, 0, 0, 0, 0], ["items[3]"]),
        ([0, 0, 0, -1, 0, 0, 0, 0, 0, 0], ["items[3]"]),
        ([0, "1", 0, 1.5, 0, 0, 0, 0, 0, 0], ["items[1]", "items[3]"]),
        ("0000000000", ["items"]),
        (None, ["items"]),
    ]
    for bad_items, fields in hostile:
        status, _, problem = call(srv, "POST", "/v1/screenings", p.nurse,
                                  screening(case["id"], bad_items, ack=True))
        assert status == 422 and fields_of(problem) == fields, (bad_items, status, problem)
    status, _, problem = call(srv, "POST", "/v1/screenings", p.nurse,
                              screening(case["id"], [0] * 10, instrument="phq9",
                                        urgent_acknowledged="yes"))
    assert status == 422 and fields_of(problem) == ["instrument", "urgent_acknowledged"], problem
    status, _, _ = call(srv, "POST", "/v1/screenings", p.nurse, screening("CASE-ZZZZ-ZZZZ", [0] * 10))
    assert status == 404, status
    status, _, _ = call(srv, "POST", "/v1/screenings", p.nurse_east, screening(case["id"], [0] * 10))
    assert status == 404, status
    status, _, problem = call(srv, "POST", "/v1/screenings", p.nurse,
                              screening(case["id"], [0] * 10, consultation="CON-ZZZZ-ZZZZ"))
    assert status == 422 and fields_of(problem) == ["consultation"], problem
    n = column(srv, "SELECT count(*) FROM screenings WHERE case_id = ?", case["id"])
    assert int(n[0]) == 3, n


def test_case_history(srv, p):
    """The ward's staff get each record's contents in GET /v1/cases, newest
    first; a kiosk 403; another ward never sees the case (404 on it)."""
    app = apply(srv, p, "support_payment_birth", "須磨 あおい")
    case = case_of(srv, p.nurse, app["reference"])
    notes = "夜泣きで睡眠不足、義母が週2回来る"
    SECRETS.append(notes)
    # Neither kind moves the birth payment: the case stays on the list.
    status, _, older = call(srv, "POST", "/v1/consultations", p.nurse,
                            consultation(case["id"], kind="eight_months", date="2026-10-02",
                                         place="ward_office", present=["mother"],
                                         topics=["money"], programmes_explained=[],
                                         follow_up={"kind": "none"}, notes=""))
    assert status == 201, older
    status, _, newer = call(srv, "POST", "/v1/consultations", p.nurse2,
                            consultation(case["id"], kind="other", date="2026-11-28",
                                         notes=notes,
                                         follow_up={"kind": "visit", "date": "2026-12-05"}))
    assert status == 201, newer
    items = [2, 2, 1, 1, 2, 1, 1, 1, 0, 1]   # 12, item 10 at 1
    status, _, scr = call(srv, "POST", "/v1/screenings", p.nurse,
                          screening(case["id"], items, ack=True, date="2026-11-28",
                                    consultation=newer["id"]))
    assert status == 201, scr
    status, _, low = call(srv, "POST", "/v1/screenings", p.nurse,
                          screening(case["id"], [0] * 10, date="2026-10-02",
                                    offered=[], chosen=[]))
    assert status == 201, low

    for token in (p.nurse, p.sup, p.city):
        c = case_of(srv, token, app["reference"])
        assert c is not None and c["id"] == case["id"], c
        cons = c["consultations"]
        assert [k["id"] for k in cons] == [newer["id"], older["id"]], cons
        assert cons[0] == {"id": newer["id"], "kind": "other", "date": "2026-11-28",
                           "place": "home", "present": ["mother", "partner"],
                           "topics": ["feeding", "sleep"],
                           "programmes_explained": ["postpartum_care"],
                           "follow_up": {"kind": "visit", "date": "2026-12-05"},
                           "notes": notes}, cons[0]
        assert cons[1]["place"] == "ward_office" and cons[1]["follow_up"] == {"kind": "none"}, cons[1]
        assert cons[1]["topics"] == ["money"] and cons[1]["programmes_explained"] == [], cons[1]
        scrs = c["screenings"]
        assert [s["id"] for s in scrs] == [scr["id"], low["id"]], scrs
        assert scrs[0] == {"id": scr["id"], "date": "2026-11-28", "total": 12, "level": "high",
                           "urgent": True, "items": items, "urgent_acknowledged": True,
                           "offered": ["postpartum_care", "counselling"],
                           "chosen": ["postpartum_care"]}, scrs[0]
        assert scrs[1]["total"] == 0 and scrs[1]["level"] == "low" and not scrs[1]["urgent"], scrs[1]
        # Numbers only: nothing of the questions' wording.
        assert all(isinstance(i, int) for i in scrs[0]["items"]), scrs[0]
    # Another ward: not on its list, and the case is not found for it.
    assert case_of(srv, p.nurse_east, app["reference"]) is None
    assert case_of(srv, p.sup_east, app["reference"]) is None
    status, _, _ = call(srv, "POST", "/v1/consultations", p.nurse_east, consultation(case["id"]))
    assert status == 404, status
    status, _, _ = call(srv, "GET", "/v1/cases", p.kiosk)
    assert status == 403, status
    p.history_case = case["id"]


def test_nurse_adds_family(srv, p):
    family = {"name": "兵庫 ゆい", "kana": "ヒョウゴ ユイ", "birth_date": "1990-07-07",
              "phone": "078-333-4444", "address": "中央区加納町6-5-1",
              "postal_code": "650-0001", "due_date": "2027-01-10"}
    SECRETS.append(family["name"])
    key = "case-" + uuid.uuid4().hex
    status, _, case = call(srv, "POST", "/v1/cases", p.nurse,
                           {"family": family, "answers": {"residence.in_city": True}}, idem=key)
    assert status == 201, case
    assert case["ward"] == CHUO and case["added_by_staff"] is True, case
    assert case["family"] == family and case["answers"] == {"residence.in_city": True}, case
    assert case["submissions"] == [] and case["consultations"] == [], case
    status, _, again = call(srv, "POST", "/v1/cases", p.nurse,
                            {"family": family, "answers": {"residence.in_city": True}}, idem=key)
    assert status == 201 and again["id"] == case["id"], again
    assert int(column(srv, "SELECT count(*) FROM cases WHERE id = ?", case["id"])[0]) == 1
    listed = [c["id"] for c in cases(srv, p.nurse2)["cases"]]
    assert case["id"] in listed
    assert case["id"] not in [c["id"] for c in cases(srv, p.nurse_east)["cases"]]
    # The same key with another body is refused.
    status, _, _ = call(srv, "POST", "/v1/cases", p.nurse,
                        {"family": dict(family, name="別人"), "answers": {}}, idem=key)
    assert status == 422, status
    # Bad families: each field listed.
    status, _, problem = call(srv, "POST", "/v1/cases", p.nurse,
                              {"family": {"name": " ", "kana": "yamada", "birth_date": "1990-02-30",
                                          "phone": "12", "postal_code": "65", "due_date": 20270101},
                               "answers": {"a": {"nested": 1}}})
    assert status == 422, problem
    assert fields_of(problem) == ["family.name", "family.kana", "family.birth_date", "family.phone",
                                  "family.postal_code", "family.due_date", "answers.a"], problem
    status, _, problem = call(srv, "POST", "/v1/cases", p.nurse, {"answers": {}})
    assert status == 422 and fields_of(problem) == ["family"], problem
    # After a consultation the family leaves the list.
    status, _, con = call(srv, "POST", "/v1/consultations", p.nurse,
                          consultation(case["id"], kind="other"))
    assert status == 201, con
    assert case["id"] not in [c["id"] for c in cases(srv, p.nurse)["cases"]]


def test_queue_and_decisions(srv, p):
    reg = register(srv, p, "山田 花子")
    # The ward from the postal code, not the one declared.
    east = register(srv, p, "東 灘子", postal_code="658-0001", ward=CHUO)
    assert reg["status"] == "pending", reg
    status, _, problem = call(srv, "POST", "/v1/registrations", p.kiosk,
                              {"name": "x", "name_kana": "ヤマダ", "phone": "0781234567",
                               "due_on": "2027-01-01", "postal_code": "650-00011"})
    assert status == 422 and fields_of(problem) == ["postal_code"], problem

    status, _, queue = call(srv, "GET", "/v1/registrations?state=pending", p.sup)
    assert status == 200, queue
    mine = [r for r in queue["registrations"] if r["id"] == reg["id"]]
    assert len(mine) == 1, queue
    assert mine[0]["reference"] == reg["reference"] and mine[0]["ward"] == CHUO
    assert mine[0]["state"] == "pending" and mine[0]["created_at"], mine
    assert mine[0]["declared"]["name"] == "山田 花子" and mine[0]["declared"]["tax_exempt"] is True
    assert mine[0]["declared"]["child_born_on"] == "2026-11-20", mine
    assert east["id"] not in [r["id"] for r in queue["registrations"]]
    status, _, queue_east = call(srv, "GET", "/v1/registrations", p.sup_east)
    assert status == 200
    assert [r["id"] for r in queue_east["registrations"]] == [east["id"]], queue_east
    assert queue_east["registrations"][0]["ward"] == HIGASHINADA
    status, _, city = call(srv, "GET", "/v1/registrations?state=pending", p.city)
    assert {reg["id"], east["id"]} <= {r["id"] for r in city["registrations"]}
    status, _, _ = call(srv, "GET", "/v1/registrations?state=pending", p.nurse)
    assert status == 403, status
    status, _, problem = call(srv, "GET", "/v1/registrations?state=approved", p.sup)
    assert status == 400 and fields_of(problem) == ["state"], problem

    # The case of the registration, in the nurse's list while pending.
    case = case_of(srv, p.nurse, reg["reference"])
    assert case is not None and case["submissions"][0]["state"] == "pending", case
    assert case["answers"]["household.tax_exempt"] is True, case
    assert case_of(srv, p.nurse, east["reference"]) is None
    assert case_of(srv, p.nurse_east, east["reference"]) is not None

    path = "/v1/registrations/%s/decision" % reg["id"]
    status, _, _ = call(srv, "POST", path, p.nurse, {"decision": "approve"})
    assert status == 403, status
    status, _, _ = call(srv, "POST", "/v1/registrations/%s/approve" % reg["id"], p.nurse)
    assert status == 403, status
    status, _, _ = call(srv, "POST", path, p.sup_east, {"decision": "approve"})
    assert status == 404, status
    status, _, _ = call(srv, "GET", "/v1/registrations/%s" % reg["id"], p.sup_east)
    assert status == 404, status
    status, _, _ = call(srv, "POST", "/v1/registrations/reg-nothing/decision", p.sup,
                        {"decision": "approve"})
    assert status == 404, status
    for body, fields in [({"decision": "decline"}, ["reason"]),
                         ({"decision": "decline", "reason": "   "}, ["reason"]),
                         ({"decision": "decline", "reason": "x" * 501}, ["reason"]),
                         ({"decision": True}, ["decision"]),
                         ({"decision": "maybe"}, ["decision"]),
                         ({}, ["decision"])]:
        status, _, problem = call(srv, "POST", path, p.sup, body)
        assert status == 422 and fields_of(problem) == fields, (body, status, problem)
    assert lookup(srv, reg["reference"])["status"] == "pending"

    reason = "市外に転出されたため"
    SECRETS.append(reason)
    key = "dec-" + uuid.uuid4().hex
    status, _, decided = call(srv, "POST", path, p.sup, {"decision": "decline", "reason": reason},
                              idem=key)
    assert status == 200, decided
    assert decided["state"] == "declined" and decided["reason"] == reason, decided
    status, _, again = call(srv, "POST", path, p.sup, {"decision": "decline", "reason": reason},
                            idem=key)
    assert status == 200 and again == decided, again
    status, _, problem = call(srv, "POST", path, p.sup, {"decision": "approve"})
    assert status == 409 and problem["type"] == "urn:yorisoi:problem:already-decided", problem
    status, _, _ = call(srv, "POST", path, p.city, {"decision": "decline", "reason": "again"})
    assert status == 409, status
    found = lookup(srv, reg["reference"])
    assert found["status"] == "declined" and found["reason"] == reason and not found["can_book"], found
    sub = submission(srv, reg["reference"])
    assert sub["status"] == "declined" and sub["reason"] == reason, sub
    status, _, old = call(srv, "GET", "/v1/registrations/%s" % reg["id"], p.kiosk)
    assert status == 200 and old["status"] == "declined", old
    assert reg["id"] not in [r["id"] for r in
                             call(srv, "GET", "/v1/registrations?state=pending", p.sup)[2]["registrations"]]
    declined_case = case_of(srv, p.nurse, reg["reference"])
    assert declined_case["submissions"][0]["state"] == "declined", declined_case

    # Approve: she can book; the queue and the nurse's list let it go.
    status, _, approved = call(srv, "POST", "/v1/registrations/%s/decision" % east["id"],
                               p.sup_east, {"decision": "approve"})
    assert status == 200 and approved["state"] == "approved" and "reason" not in approved, approved
    found = lookup(srv, east["reference"])
    assert found["status"] == "approved" and found["can_book"] is True, found
    assert case_of(srv, p.nurse_east, east["reference"]) is None
    # The old route: supervisor only, and not for a declined one.
    third = register(srv, p, "三宮 みく")
    status, _, ok = call(srv, "POST", "/v1/registrations/%s/approve" % third["id"], p.sup)
    assert status == 200 and ok["status"] == "approved", ok
    status, _, _ = call(srv, "POST", "/v1/registrations/%s/decision" % third["id"], p.sup,
                        {"decision": "decline", "reason": "late"})
    assert status == 409, status


# One family, one case

MOTHER = "南 はるか"
MOTHER_BIRTH = "1991-02-03"


def case_id_of(srv, reference):
    ids = column(srv, "SELECT case_id FROM applications WHERE reference = ? UNION ALL "
                      "SELECT case_id FROM registrations WHERE reference = ?", reference, reference)
    assert len(ids) == 1 and ids[0], (reference, ids)
    return ids[0]


def test_one_family(srv, p):
    SECRETS.extend(["ミナミ", "みなみ", MOTHER_BIRTH, "09055556666"])
    preg = apply(srv, p, "support_payment_pregnancy", MOTHER, kana="ミナミ ハルカ",
                 birth=MOTHER_BIRTH, child="2027-05-01", phone="09055556666")
    case = case_of(srv, p.nurse, preg["reference"])
    assert case["family"]["due_date"] == "2027-05-01" and "child_birth_date" not in case["family"], case
    # The birth payment later: the kana with a full-width space.
    birth = apply(srv, p, "support_payment_birth", MOTHER, kana="ミナミ　ハルカ",
                  birth=MOTHER_BIRTH, child="2027-05-03", phone="08000000000")
    # The 産後ケア registration: no space at all, another phone.
    reg = register(srv, p, MOTHER, kana="ミナミハルカ", birth=MOTHER_BIRTH, child="2027-05-09")
    ids = {case_id_of(srv, r["reference"]) for r in (preg, birth, reg)}
    assert ids == {case["id"]}, ids
    listed = [c for c in cases(srv, p.nurse)["cases"] if c["id"] == case["id"]]
    assert len(listed) == 1, listed
    one = listed[0]
    assert sorted(s["reference"] for s in one["submissions"]) == \
        sorted([preg["reference"], birth["reference"], reg["reference"]]), one
    assert {s["programme"] for s in one["submissions"]} == \
        {"support_payment_pregnancy", "support_payment_birth", "postpartum_care"}, one
    # Filled in what it lacked, overwrote nothing.
    assert one["family"]["due_date"] == "2027-05-01", one
    assert one["family"]["child_birth_date"] == "2027-05-03", one
    assert one["family"]["phone"] == "09055556666", one
    assert one["answers"]["household.tax_exempt"] is True, one
    for c in cases(srv, p.nurse)["cases"]:
        if c["id"] != case["id"]:
            assert c["family"].get("kana", "").replace("　", "").replace(" ", "") != "ミナミハルカ", c
    # Spaces of both widths, twice.
    more = apply(srv, p, "support_payment_birth", MOTHER, kana="ミナミ 　ハルカ", birth=MOTHER_BIRTH)
    assert case_id_of(srv, more["reference"]) == case["id"]
    # A nurse adding her: the same case, as it was.
    status, _, added = call(srv, "POST", "/v1/cases", p.nurse,
                            {"family": {"name": MOTHER, "kana": "ミナミ　ハルカ",
                                        "birth_date": MOTHER_BIRTH, "address": "中央区"}})
    assert status == 201 and added["id"] == case["id"], added
    assert added["added_by_staff"] is False and added["family"]["address"] == "加納町6-5-1", added
    assert len(added["submissions"]) == 4, added
    # The match key: a keyed hash, not the kana or the date.
    keys = column(srv, "SELECT match_key FROM cases WHERE id = ?", case["id"])
    assert len(keys) == 1 and len(keys[0]) == 64, keys
    int(keys[0], 16)
    assert int(column(srv, "SELECT count(*) FROM cases WHERE match_key = ?", keys[0])[0]) == 1
    p.family_case = case["id"]


def test_different_mothers(srv, p):
    # The same name, kana and phone, another birth date: two mothers.
    a = apply(srv, p, "support_payment_birth", "北 さやか", kana="キタ サヤカ", birth="1990-01-01")
    b = apply(srv, p, "support_payment_birth", "北 さやか", kana="キタ サヤカ", birth="1990-01-02")
    assert case_id_of(srv, a["reference"]) != case_id_of(srv, b["reference"])
    # The same birth date and phone, another kana.
    c = apply(srv, p, "support_payment_birth", "北 さやか", kana="キタ サヤコ", birth="1990-01-01")
    assert case_id_of(srv, c["reference"]) not in (case_id_of(srv, a["reference"]),
                                                   case_id_of(srv, b["reference"]))
    # No kana, or no birth date: never merged.
    d = apply(srv, p, "support_payment_birth", "北 さやか", kana="", birth="1990-01-01")
    e = apply(srv, p, "support_payment_birth", "北 さやか", kana="", birth="1990-01-01")
    assert case_id_of(srv, d["reference"]) != case_id_of(srv, e["reference"])
    nameless = {"family": {"name": "北 さやか", "birth_date": "1990-01-01", "phone": "09012345678"}}
    status, _, f1 = call(srv, "POST", "/v1/cases", p.nurse, nameless)
    status2, _, f2 = call(srv, "POST", "/v1/cases", p.nurse, nameless)
    assert status == 201 and status2 == 201, (f1, f2)
    assert f1["id"] != f2["id"] and case_id_of(srv, a["reference"]) not in (f1["id"], f2["id"])
    SECRETS.extend(["北 さやか", "キタ", "1990-01-01"])


def test_other_ward_never(srv, p):
    # The same mother's kana and birth date with a 東灘区 postal code.
    east = apply(srv, p, "support_payment_birth", MOTHER, kana="ミナミ ハルカ", birth=MOTHER_BIRTH,
                 postal_code="658-0001")
    east_case = case_id_of(srv, east["reference"])
    assert east_case != p.family_case
    assert case_of(srv, p.nurse_east, east["reference"])["ward"] == HIGASHINADA
    # A nurse of 東灘区 adding her joins that one, not 中央区's.
    status, _, added = call(srv, "POST", "/v1/cases", p.nurse_east,
                            {"family": {"name": MOTHER, "kana": "ミナミ ハルカ",
                                        "birth_date": MOTHER_BIRTH}})
    assert status == 201 and added["id"] == east_case, added
    # City-wide staff (no ward) make a case of their own.
    status, _, city = call(srv, "POST", "/v1/cases", p.city,
                           {"family": {"name": MOTHER, "kana": "ミナミ ハルカ",
                                       "birth_date": MOTHER_BIRTH}})
    assert status == 201 and city["id"] not in (east_case, p.family_case), city


def test_closed_not_reused(srv, p):
    first = apply(srv, p, "support_payment_birth", "西 ともみ", kana="ニシ トモミ", birth="1988-08-08")
    case = case_id_of(srv, first["reference"])
    status, _, con = call(srv, "POST", "/v1/consultations", p.nurse, consultation(case))
    assert status == 201 and con["payments_ready"] == [first["reference"]], con
    assert case_of(srv, p.nurse, first["reference"]) is None   # closed
    again = apply(srv, p, "support_payment_pregnancy", "西 ともみ", kana="ニシ トモミ",
                  birth="1988-08-08", child="2028-01-01")
    new_case = case_id_of(srv, again["reference"])
    assert new_case != case, new_case
    listed = case_of(srv, p.nurse, again["reference"])
    assert [s["reference"] for s in listed["submissions"]] == [again["reference"]], listed
    # The closed one keeps its own submission only.
    n = column(srv, "SELECT count(*) FROM applications WHERE case_id = ?", case)
    assert int(n[0]) == 1, n
    # A nurse-added family closes with its consultation too.
    status, _, added = call(srv, "POST", "/v1/cases", p.nurse,
                            {"family": {"name": "西 ともみ", "kana": "ニシ トモミ",
                                        "birth_date": "1988-08-08"}})
    assert status == 201 and added["id"] == new_case, added
    SECRETS.extend(["西 ともみ", "ニシ", "1988-08-08"])


def test_old_cases_get_keys(srv, p):
    # A case made before match keys (schema 7): open, no key.
    family = {"name": "旧 かおり", "kana": "キュウ カオリ", "birth_date": "1987-07-07"}
    execute(srv, "INSERT INTO cases (id, ward, added_by_staff, family, answers, created_unix, "
                 "updated_unix, owner) VALUES ('CASE-OLD1-OLD1', 'chuo', 1, ?, '{}', 1000, 1000, "
                 "'nurse-chuo')", json.dumps(family, ensure_ascii=False))
    execute(srv, "DELETE FROM meta WHERE key = 'match_keys'")
    # Another instance starts on the database: the old case gets its key.
    other = h.Server("--approve-after", "-1", db=srv.db)
    try:
        keys = column(srv, "SELECT match_key FROM cases WHERE id = 'CASE-OLD1-OLD1'")
        assert len(keys) == 1 and len(keys[0]) == 64, keys
        status, _, added = call(other, "POST", "/v1/cases", p.nurse,
                                {"family": {"name": "旧 かおり", "kana": "キュウ　カオリ",
                                            "birth_date": "1987-07-07", "phone": "0781112222"}})
        assert status == 201 and added["id"] == "CASE-OLD1-OLD1", added
        assert added["family"]["phone"] == "0781112222", added
    finally:
        other.stop()
    SECRETS.extend(["旧 かおり", "キュウ", "1987-07-07"])


# Paging

def page(srv, token, query):
    if "=" in query:
        query = "?" + "&".join(k + "=" + urllib.parse.quote(v, safe="")
                               for k, v in (kv.split("=", 1) for kv in query[1:].split("&")))
    status, _, answer = call(srv, "GET", "/v1/cases" + query, token)
    return status, answer


def test_paging(srv, p):
    kita = staff(srv, "nurse-kita", "nurse", "kita")["token"]
    made = set()
    for i in range(250):
        status, _, case = call(srv, "POST", "/v1/cases", kita,
                               {"family": {"name": "北区 %03d" % i, "birth_date": "1990-01-01"}})
        assert status == 201, case
        made.add(case["id"])
    assert len(made) == 250
    # limit 100: 100, 100, 50, each once.
    seen, cursor, sizes = [], None, []
    while True:
        status, answer = page(srv, kita, "?limit=100" + ("&after=" + cursor if cursor else ""))
        assert status == 200, answer
        sizes.append(len(answer["cases"]))
        seen += [c["id"] for c in answer["cases"]]
        assert answer["ward"] == "kita"
        cursor = answer["next"]
        if cursor is None:
            break
        assert isinstance(cursor, str) and len(sizes) < 10, answer
    assert sizes == [100, 100, 50], sizes
    assert len(seen) == len(set(seen)) == 250 and set(seen) == made
    # The default page is 100; the largest 500.
    status, answer = page(srv, kita, "")
    assert status == 200 and len(answer["cases"]) == 100 and answer["next"], len(answer["cases"])
    assert [c["id"] for c in answer["cases"]] == seen[:100]
    status, answer = page(srv, kita, "?limit=500")
    assert status == 200 and len(answer["cases"]) == 250 and answer["next"] is None
    assert [c["id"] for c in answer["cases"]] == seen
    # Small pages, with a case added meanwhile (a second later): still each
    # once, the new one last.
    status, first = page(srv, kita, "?limit=7")
    time.sleep(1.1)
    status, _, late = call(srv, "POST", "/v1/cases", kita, {"family": {"name": "北区 遅",
                                                                   "birth_date": "1990-01-01"}})
    assert status == 201
    got, cursor = [c["id"] for c in first["cases"]], first["next"]
    while cursor:
        status, answer = page(srv, kita, "?limit=7&after=" + cursor)
        assert status == 200, answer
        got += [c["id"] for c in answer["cases"]]
        cursor = answer["next"]
    assert len(got) == len(set(got)) == 251 and got[-1] == late["id"], len(got)
    # Another ward sees none of them; a page of 中央区 holds no 北区 case.
    status, answer = page(srv, p.nurse, "?limit=500")
    assert status == 200 and not made & {c["id"] for c in answer["cases"]}
    p.cursor = first["next"]
    p.kita = kita


def test_paging_hostile(srv, p):
    cursor = p.cursor
    created, case_id, mac = cursor.split(".")
    for bad in ["0", "-1", "1000000000", "501", "abc", "", "1.5", "1e2", "%20100", "100;DROP",
                "0x10", "１００", "9" * 400]:
        status, problem = page(srv, p.kita, "?limit=" + bad)
        assert status == 422 and fields_of(problem) == ["limit"], (bad, status, problem)
    forged = [
        "garbage", "", "1.2.3", cursor + "0", created + "." + case_id + "." + "0" * 32,
        str(int(created) + 1) + "." + case_id + "." + mac,
        created + "." + case_id[:-1] + ("A" if case_id[-1] != "A" else "B") + "." + mac,
        "-1.CASE-AAAA." + mac, "1.' OR '1'='1." + mac, "%00", "x" * 300,
    ]
    for bad in forged:
        status, problem = page(srv, p.kita, "?after=" + bad)
        assert status == 422 and fields_of(problem) == ["after"], (bad, status, problem)
    status, problem = page(srv, p.kita, "?limit=0&after=nope")
    assert status == 422 and fields_of(problem) == ["limit", "after"], problem
    # A cursor is the position only: another ward's nurse gets her own cases after it.
    status, answer = page(srv, p.nurse_east, "?after=" + cursor)
    assert status == 200 and all(c["ward"] == HIGASHINADA for c in answer["cases"]), answer
    # The server is still there.
    status, answer = page(srv, p.kita, "?limit=1")
    assert status == 200 and len(answer["cases"]) == 1


def test_retention(srv, p):
    for case_id in (p.closed_case, p.open_case):
        execute(srv, "UPDATE cases SET updated_unix = 1000 WHERE id = ?", case_id)
    admin(srv, "purge", "--retention-days", "1")
    family = column(srv, "SELECT family FROM cases WHERE id = ?", p.closed_case)
    assert json.loads(family[0]) == {"name": "-"}, family
    records = column(srv, "SELECT record FROM consultations WHERE case_id = ?", p.closed_case)
    assert records == ["{}"] * 3, records
    kinds = column(srv, "SELECT kind FROM consultations WHERE case_id = ?", p.closed_case)
    assert sorted(kinds) == ["after_birth", "after_birth", "eight_months"], kinds
    # A family still waiting keeps everything.
    family = json.loads(column(srv, "SELECT family FROM cases WHERE id = ?", p.open_case)[0])
    assert family["name"] == "垂水 はるか", family
    # A closed case's match key goes with its family; an open one's stays.
    key = column(srv, "SELECT match_key FROM cases WHERE id = ?", p.closed_case)
    assert key in ([""], [None], []), key   # NULL (psql prints nothing)
    key = column(srv, "SELECT match_key FROM cases WHERE id = ?", p.open_case)
    assert len(key[0]) == 64, key


def test_nothing_logged(srv, p):
    log = srv.dup_log()
    assert "POST /v1/consultations 201" in log and "POST /v1/screenings 201" in log, log[-2000:]
    for secret in SECRETS + ["よく眠れていない様子", "ヤマダ", "コウベ", BIRTH, "078-123-4567"]:
        assert secret not in log, "%s is in the log" % secret
    # Nor the match keys or the family key (one family, one case), nor a cursor.
    keys = [k for k in column(srv, "SELECT match_key FROM cases") if k]
    assert len(keys) > 10, keys
    keys += column(srv, "SELECT value FROM meta WHERE key = 'family_key'")
    for key in keys + [p.cursor]:
        assert key not in log, "a key is in the log"
    # The new route's lines are there: the query's keys, never its values.
    assert "GET /v1/cases?limit&after 200" in log and "GET /v1/cases?after 422" in log, log[-2000:]


def main():
    srv = h.Server("--approve-after", "-1")
    tap = h.Tap()
    try:
        p = setup(srv)
        tap.run("the staff session answer gives role and ward", test_session, srv, p)
        tap.run("a kiosk gets 403 on every new route (no token: 401)", test_kiosk_forbidden, srv, p)
        tap.run("a support payment waits for its consultation after the birth, then is ready "
                "to pay (lookup, submissions); wards; one record per key, two nurses two",
                test_payment_waits_for_consultation, srv, p)
        tap.run("the pregnancy payment goes with the notification consultation",
                test_pregnancy_payment, srv, p)
        tap.run("hostile consultation bodies: 422 listing each field, 400, 413, nothing kept",
                test_consultation_bad_input, srv, p)
        tap.run("EPDS screenings counted again; item 10 needs the acknowledgement; 11 items, "
                "item 4, wrong types refused", test_screening, srv, p)
        tap.run("GET /v1/cases gives the ward's nurses and supervisors each record's contents "
                "newest first; a kiosk 403; another ward 404", test_case_history, srv, p)
        tap.run("a nurse adds a family to her ward; bad families listed field by field",
                test_nurse_adds_family, srv, p)
        tap.run("the supervisor's queue: her ward only; approve or decline once with a reason; "
                "nurse 403, another ward 404, 409 after", test_queue_and_decisions, srv, p)
        tap.run("one family, one case: the same mother's pregnancy and birth applications and "
                "registration (kana of any width or script) join one case, filling in only "
                "what it lacks; a nurse adding her too", test_one_family, srv, p)
        tap.run("different mothers (the same name, kana or phone; another birth date) never "
                "share a case", test_different_mothers, srv, p)
        tap.run("another ward's case never merges; city-wide staff make their own",
                test_other_ward_never, srv, p)
        tap.run("a closed case is not reused: a new case is made", test_closed_not_reused, srv, p)
        tap.run("cases made before match keys get theirs at start-up, and are joined",
                test_old_cases_get_keys, srv, p)
        tap.run("GET /v1/cases in pages: 250 cases each exactly once, the default 100, the "
                "largest 500, a case added meanwhile", test_paging, srv, p)
        tap.run("hostile paging values: 422 naming limit or after", test_paging_hostile, srv, p)
        tap.run("retention: a closed case's family and records are erased, an open one's kept",
                test_retention, srv, p)
        tap.run("nothing of these bodies is logged", test_nothing_logged, srv, p)
    finally:
        srv.stop()
    tap.done()


if __name__ == "__main__":
    main()
