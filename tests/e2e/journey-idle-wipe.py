#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 5. At a kiosk, in Japanese: a person starts the application
for the first payment, types her name, phone number and address, and walks
away. After the idle timeout the kiosk asks whether she is still there;
when the countdown runs out the session is wiped, and nothing she typed is
found anywhere in the accessible tree (every page, shown or not)."""

import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrse2e  # noqa: E402
from yrse2e import pyatspi  # noqa: E402

TYPED = {"氏名": "忘帰 麻衣子", "フリガナ": "ワスレキ マイコ", "電話番号": "078-555-0199",
         "住所": "兵庫県神戸市灘区六甲台町1-1"}
# The same values as the form may show them back (full-width kana, digits).
TRACES = ["忘帰", "麻衣子", "ワスレキ", "マイコ", "5550199", "555-0199", "六甲台町"]
IDLE = 8

j = yrse2e.Journey("idle-wipe")
app = j.step(f"the kiosk starts in Japanese, idle timeout {IDLE} s",
             j.app, settings={"mode": "kiosk", "language": "ja", "idle-timeout-seconds": IDLE})


j.step("she answers the check and opens the application form", yrse2e.kiosk_to_payment_form, app)


def type_everything():
    for label, value in TYPED.items():
        app.type_into(app.find(pyatspi.ROLE_TEXT, re.compile("^" + re.escape(label) + " ")), value)


j.step("she types her name, kana, phone number and address", type_everything)


def traces():
    found = []
    for text in app.all_text():
        found.extend(t for t in TRACES if t in text)
    return found


def typed_is_there():
    if len(set(traces())) < 4:
        raise yrse2e.StepFailed(f"only {traces()} of what she typed is in the tree")


j.step("what she typed is in the accessible tree", typed_is_there)
j.touching = False
j.step("she walks away: after the idle timeout the kiosk asks if she is still there",
       app.find, pyatspi.ROLE_LABEL, "まだご利用中ですか？", timeout=IDLE + 30)


def wiped():
    # The countdown (30 s) runs out, then the welcome page comes back.
    app.find(pyatspi.ROLE_LABEL, "ようこそ", timeout=90)
    app.wait_gone(pyatspi.ROLE_LABEL, "まだご利用中ですか？")


j.step("the countdown runs out and the kiosk is back at the welcome page", wiped)


def nothing_left():
    left = traces()
    if left:
        raise yrse2e.StepFailed(f"still in the accessible tree after the wipe: {sorted(set(left))}")
    if app.query(pyatspi.ROLE_TEXT, re.compile("^氏名 "), anywhere=True):
        for node in app.query(pyatspi.ROLE_TEXT, re.compile("^氏名 "), anywhere=True):
            if yrse2e.text_of(node):
                raise yrse2e.StepFailed(f"a name field still holds {yrse2e.text_of(node)!r}")


j.step("nothing she typed is anywhere in the accessible tree", nothing_left)
j.finish()
