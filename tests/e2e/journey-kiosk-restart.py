#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 7. A kiosk that crashes and is started again (as cage does).
A person types her name and phone number into the payment form; the app
is killed (SIGKILL: no flush, no wipe). Started again within
kiosk-restore-seconds of her last change, the form comes back with what
she typed. Killed again and started only after that window, the kiosk
opens on the welcome page and nothing she typed is left: not in the
accessible tree (any page) and not in the bytes of the database and its
-wal and -shm files."""

import os
import re
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrse2e  # noqa: E402
from yrse2e import pyatspi  # noqa: E402

RESTORE = 6
TYPED = {"氏名": "再起 美咲", "電話番号": "078-555-0123"}
TRACES = ["再起", "美咲", "5550123", "555-0123"]

j = yrse2e.Journey("kiosk-restart")
app = j.step(f"a kiosk starts in Japanese, restoring a draft within {RESTORE} s after a restart",
             j.app, settings={"mode": "kiosk", "language": "ja", "idle-timeout-seconds": 600,
                              "kiosk-restore-seconds": RESTORE})
j.step("she answers the check and opens the application form", yrse2e.kiosk_to_payment_form, app)


def type_name_and_phone():
    for label, value in TYPED.items():
        app.type_into(app.find(pyatspi.ROLE_TEXT, re.compile("^" + re.escape(label) + " ")), value)
    # The draft is written at most every 300 ms.
    time.sleep(1.0)


j.step("she types her name and phone number", type_name_and_phone)


def traces_in_tree():
    found = set()
    for text in app.all_text():
        found.update(t for t in TRACES if t in text)
    return found


def crash_and_restart(wait):
    app.crash()
    time.sleep(wait)
    app.start()


j.step("the app is killed and started again at once", crash_and_restart, 0)


def restored():
    field = app.find(pyatspi.ROLE_TEXT, re.compile("^氏名 "))
    if yrse2e.text_of(field) != TYPED["氏名"]:
        raise yrse2e.StepFailed(f"the name field holds {yrse2e.text_of(field)!r}")


j.step("within the window her form comes back as she left it", restored)
j.step(f"the app is killed again and started {RESTORE + 3} s later",
       crash_and_restart, RESTORE + 3)


def wiped():
    app.find(pyatspi.ROLE_LABEL, "ようこそ")
    left = traces_in_tree()
    if left:
        raise yrse2e.StepFailed(f"still in the accessible tree: {sorted(left)}")


j.step("after the window the kiosk opens on the welcome page, with nothing of hers", wiped)


def nothing_in_the_database():
    files = app.data_files()
    if not files:
        raise yrse2e.StepFailed("no database file found")
    for path, data in files.items():
        for trace in TRACES:
            for encoding in ("utf-8", "utf-16-le"):
                if trace.encode(encoding) in data:
                    raise yrse2e.StepFailed(f"{trace!r} ({encoding}) is in {path}")


j.step("nothing she typed is in the database, -wal or -shm", nothing_in_the_database)
j.finish()
