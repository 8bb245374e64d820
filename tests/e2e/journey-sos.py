#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 0, the harness's own proof: at a kiosk, in Japanese, a person
finds the SOS button by its name, opens the SOS page, reads the 24-hour
phone number, and goes back to the start."""

import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrse2e  # noqa: E402
from yrse2e import pyatspi  # noqa: E402

j = yrse2e.Journey("sos")
app = j.step("the kiosk app starts in Japanese",
             j.app, settings={"mode": "kiosk", "language": "ja"})
j.step("the welcome page greets in Japanese",
       app.find, pyatspi.ROLE_LABEL, "ようこそ")
j.step("press the SOS button in the header",
       app.click, pyatspi.ROLE_PUSH_BUTTON, "SOS相談")


def phone_number():
    node = app.find(pyatspi.ROLE_LABEL, text=re.compile("078-351-3400"))
    text = yrse2e.text_of(node)
    if text != "電話：078-351-3400":
        raise yrse2e.StepFailed(f"the phone number reads {text!r}")


j.step("the SOS page shows the 24-hour phone number", phone_number)
j.step("the SOS page says it is free and around the clock",
       app.find, pyatspi.ROLE_LABEL, "24時間365日・無料")
j.step("go back to the start",
       app.click, pyatspi.ROLE_PUSH_BUTTON, "最初の画面に戻る")
j.step("the welcome page is back",
       app.find, pyatspi.ROLE_LABEL, "ようこそ")
j.finish()
