#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey (issue 20, point 10). At a kiosk with no keyboard, in
Japanese: a parent applying for the first payment does not know her
bank's 4-digit code. She finds her bank by name, みずほ, tapped on the
kana keypad, and taps it in the list; then its branch, 東京営業部, the
same way. The review shows both by name with their codes, and the
server holds the codes.

The bank and branch are chosen with taps only: "check my answers"
takes her to each search, the first field missing (AT-SPI "click", as
the other journeys tap; GTK 4.8 does not implement
Component.GrabFocus), and the keypad's keys and the list's buttons are
pressed. The rest of the form is filled in
through EditableText, as journey-kiosk-ja does."""

import datetime
import json
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrse2e  # noqa: E402
from yrse2e import pyatspi  # noqa: E402

BUTTON = pyatspi.ROLE_PUSH_BUTTON
CHOICE = pyatspi.ROLE_RADIO_BUTTON  # choices are radio buttons (YrsChoiceButton)
NAME = "寄添 花子"
KANA = "ヨリソイ ハナコ"
DAKUTEN = "濁点（カをガに）"

j = yrse2e.Journey("kiosk-bank")
server = j.step("a yorisoi-server with demo data listens on loopback", j.server)
app = j.step("the kiosk starts in Japanese, pointed at the server",
             j.app, settings={"mode": "kiosk", "language": "ja", "server-url": server.url,
                              "sync-interval-seconds": 5},
             device_token=server.kiosk_token)
j.step("she answers the check and opens the application form", yrse2e.kiosk_to_payment_form, app)


def field(name, value, root=None):
    app.type_into(app.find(pyatspi.ROLE_TEXT, re.compile("^" + re.escape(name) + " "), root=root), value)


def about_her():
    app.click(CHOICE, "妊娠時の給付（1回目）")
    field("氏名", NAME)
    field("フリガナ", KANA)
    panel = app.find(pyatspi.ROLE_PANEL, re.compile("^生年月日 "))
    for label, value in (("年", "1995"), ("月", "6"), ("日", "1")):
        field(label, value, root=panel)
    field("電話番号", "078-351-0000")
    field("郵便番号", "650-0001")
    field("住所", "兵庫県神戸市中央区加納町6-5-1")
    app.click(CHOICE, "銀行・信用金庫など")
    app.click(CHOICE, "普通")
    field("口座番号", "1234567")
    field("口座名義（カタカナ）", KANA)


j.step("her details, and a bank account (ordinary, 1234567)", about_her)
j.step("check the answers: the bank and branch are missing", app.click, BUTTON, "入力内容を確認する")

_last = [None, 0.0]


def tap_keys(names):
    keypad = app.find(pyatspi.ROLE_PANEL, "カタカナキー")
    for name in names:
        node = app.find(BUTTON, name, root=keypad)
        # A finger does not tap one key twice within GTK's 250 ms press.
        if _last[0] == name:
            time.sleep(max(0.0, _last[1] + 0.4 - time.monotonic()))
        app.press(node)
        _last[0], _last[1] = name, time.monotonic()


def finger_tap(node):
    """A tap with a finger (XTest through xdotool) in the middle of the
    node, once she has scrolled it onto the screen (the wheel: a swipe);
    the kiosk's window is full-screen at the screen's origin."""
    for _ in range(40):
        e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        # (The window is 1280x800 or more, at the screen's origin.)
        if 150 < e.y and e.y + e.height < 650:
            break
        subprocess.run(["xdotool", "mousemove", "640", "400", "click", "5" if e.y > 150 else "4"],
                       check=True)
        time.sleep(0.15)
    subprocess.run(["xdotool", "mousemove", str(e.x + e.width // 2), str(e.y + e.height // 2),
                    "click", "1"], check=True)


def search(entry_name, keys, typed, choice):
    # "Check my answers" put the error summary first (the focus is on
    # it, for a screen reader); she taps this search, named in it, and
    # the kana keypad comes up.
    entry = app.find(pyatspi.ROLE_TEXT, entry_name)
    finger_tap(entry)
    yrse2e.wait_for(lambda: entry.getState().contains(pyatspi.STATE_FOCUSED),
                    f"{entry_name} to take the focus")
    tap_keys(keys)
    yrse2e.wait_for(lambda: yrse2e.text_of(entry) == typed,
                    f"{typed!r} in the search (it holds {yrse2e.text_of(entry)!r})")
    app.click(BUTTON, choice)
    app.find(pyatspi.ROLE_LABEL, choice)


j.step("her bank by name: ミ ス ゛ ホ on the kana keypad, then みずほ（0001） in the list",
       search, "金融機関を名前で探す", ["ミ", "ス", DAKUTEN, "ホ"], "ミズホ", "みずほ（0001）")
j.step("check the answers again: the branch is missing", app.click, BUTTON, "入力内容を確認する")
j.step("its branch by name: ト ウ キ ヨ ウ, then 東京営業部（001）",
       search, "支店を名前で探す", ["ト", "ウ", "キ", "ヨ", "ウ"], "トウキヨウ", "東京営業部（001）")
j.step("check the answers", app.click, BUTTON, "入力内容を確認する")


def review():
    for value in ("みずほ（0001）", "東京営業部（001）", "1234567"):
        app.find(pyatspi.ROLE_LABEL, value)


j.step("the review shows the bank and branch by name with their codes", review)
j.step("send it", app.click, BUTTON, "送信する")
j.step("the city receives it", app.find, pyatspi.ROLE_STATUS_BAR, "市が受け付けました", timeout=60)


def server_holds_it():
    rows = server.query("SELECT programme, fields FROM applications")
    if len(rows) != 1:
        raise yrse2e.StepFailed(f"the server holds {len(rows)} applications, not 1")
    fields = json.loads(rows[0][1])
    for k, value in (("bank.method", "bank"), ("bank.code", "0001"), ("bank.branch", "001")):
        if fields.get(k) != value:
            raise yrse2e.StepFailed(f"{k} on the server is {fields.get(k)!r}, not {value!r}")


j.step("the server holds her account's codes: 0001, 001", server_holds_it)
j.finish()
