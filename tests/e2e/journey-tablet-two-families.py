#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A nurse's two families in a row (issue 20, point 1). On a staff
tablet, in Japanese: the nurse signs in; with family A she runs the
eligibility check (a baby born 40 days ago) and registers the mother for
産後ケア (the city receives it, REG-…), the baby's birth date from the
check already in the form. She taps 次の家庭へ on the receipt: family B
starts from nothing, without her signing in again. Nothing of family A
(the mother's and the baby's names, kana, phone, the REG- number, the
check's answers and step) appears anywhere in the accessibility tree (the
hidden pages too); the booking page asks B to register first; the check
starts at its first question with nothing chosen. B answers a question,
and 次の家庭へ from the staff menu ends B's visit too. After the end, no
draft row of the tablet's database holds anything of A's or B's, and her
outbox still holds A's registration. Everything is done by tapping
(AT-SPI actions on buttons) and typing into fields through EditableText,
as the other tablet journeys do."""

import datetime
import os
import re
import sqlite3
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrse2e  # noqa: E402
from yrse2e import pyatspi  # noqa: E402

BUTTON = pyatspi.ROLE_PUSH_BUTTON
CHOICE = pyatspi.ROLE_RADIO_BUTTON  # choices are radio buttons (YrsChoiceButton)
TOGGLE = pyatspi.ROLE_TOGGLE_BUTTON
LABEL = pyatspi.ROLE_LABEL
TEXT = pyatspi.ROLE_TEXT
NAME = "寄添 花子"
KANA = "ヨリソイ ハナコ"
CHILD = "寄添 陽葵"
PHONE = "078-351-0000"
PHONE_DIGITS = "0783510000"
MOTHER_BORN = datetime.date(1995, 6, 1)
BORN = datetime.date.today() - datetime.timedelta(days=40)

j = yrse2e.Journey("tablet-two-families")
server = j.step("a yorisoi-server with demo data listens on loopback", j.server)
app = j.step("the tablet starts in Japanese, pointed at the server",
             j.app, settings={"mode": "tablet", "language": "ja", "server-url": server.url,
                              "sync-interval-seconds": 5, "idle-timeout-seconds": 3600})


def field(name, value, root=None):
    app.type_into(app.find(TEXT, re.compile("^" + re.escape(name) + " "), root=root), value)


def sign_in():
    app.find(pyatspi.ROLE_HEADING, "職員ログイン")
    app.type_into(app.find(TEXT, "職員ID"), server.staff_id)
    app.type_into(app.find(TEXT, "パスワード"), server.staff_password)
    app.click(BUTTON, "ログイン")
    app.find(LABEL, "ようこそ")


j.step("the nurse signs in", sign_in)
j.step("the tablet has synced with the city", app.find, BUTTON, "同期済み", timeout=60)

# ---- Family A ---------------------------------------------------------------

j.step("family A: the eligibility check", app.click, BUTTON, "使える制度を調べる")


def answer(question, choice):
    app.find(LABEL, question)
    app.click(CHOICE, choice)
    app.click(BUTTON, "次へ")


def born_on():
    app.find(LABEL, "お子さまが生まれた日")
    for label, value in (("年", BORN.year), ("月", BORN.month), ("日", BORN.day)):
        app.type_into(app.find(TEXT, re.compile("^" + label)), str(value))
    app.click(BUTTON, "次へ")


j.step("lives in Kobe: yes", answer, "神戸市にお住まいですか？", "はい")
j.step("her baby was born", answer, "いまの状況に近いものを選んでください。", "子どもが生まれた")
j.step(f"born on {BORN.isoformat()}", born_on)
j.step("one baby", app.click, BUTTON, "次へ")
j.step("she feels she needs support", answer, "体調や育児のことで、支援が必要だと感じていますか？", "はい")
j.step("no public assistance", answer, "生活保護を受けていますか？", "いいえ")
j.step("household not exempt from residence tax", answer, "世帯の住民税は非課税ですか？", "いいえ")
j.step("the results page", app.find, LABEL, "利用できる制度")


def to_registration():
    card = app.find(pyatspi.ROLE_PANEL, re.compile("^産後ケア事業: 対象です"))
    app.press(app.find(BUTTON, "利用申請・予約へ", root=card))
    app.find(LABEL, "はじめに一度だけ利用申請をしてください")
    app.click(BUTTON, "産後ケアの利用申請をする")


j.step("産後ケア: to the registration", to_registration)


def about_her():
    field("氏名", NAME)
    field("フリガナ", KANA)
    panel = app.find(pyatspi.ROLE_PANEL, re.compile("^生年月日 "))
    for label, value in (("年", MOTHER_BORN.year), ("月", MOTHER_BORN.month), ("日", MOTHER_BORN.day)):
        field(label, str(value), root=panel)
    field("電話番号", PHONE)
    field("郵便番号", "650-0001")
    field("住所", "兵庫県神戸市中央区加納町6-5-1")
    field("お子さんの氏名", CHILD)


j.step("the registration: her name, kana, birth date, phone, address, the baby's name", about_her)


def child_date_from_the_check():
    # Point 11: the day the baby was born, given in the check, is there.
    panel = app.find(pyatspi.ROLE_PANEL, re.compile("^生年月日（出産前は出産予定日） "))
    for label, value in (("年", BORN.year), ("月", BORN.month), ("日", BORN.day)):
        node = app.find(TEXT, re.compile("^" + label + " "), root=panel)
        if (yrse2e.text_of(node) or "").lstrip("0") != str(value):
            raise yrse2e.StepFailed(f"the baby's {label} is {yrse2e.text_of(node)!r}, not {value} from the check")


j.step("the baby's birth date is the one given in the check", child_date_from_the_check)
j.step("check the answers", app.click, BUTTON, "入力内容を確認する")
j.step("send it", app.click, BUTTON, "送信する")


def registration_received():
    app.find(pyatspi.ROLE_STATUS_BAR, "市が受け付けました", timeout=60)
    return app.find(LABEL, re.compile(r"^REG-[2-9A-Z]{4}-[2-9A-Z]{4}$")).name


registration_ref = j.step("the city receives the registration", registration_received)
print(f"# family A's registration: {registration_ref}", flush=True)

# ---- Next family --------------------------------------------------------------

j.step("次の家庭へ on the receipt", app.click, BUTTON, "次の家庭へ")
j.step("the start page, the nurse still signed in (no sign-in screen)", app.find, LABEL, "ようこそ")

FAMILY_A = [NAME, KANA, KANA.replace(" ", "\u3000"), CHILD, PHONE, PHONE_DIGITS, registration_ref,
            "加納町6-5-1", BORN.isoformat(), f"{BORN.year}年{BORN.month}月{BORN.day}日"]


def nothing_of(values, who):
    found = sorted({v for v in values for t in app.all_text() if v in t})
    if found:
        raise yrse2e.StepFailed(f"{who}'s {found} still in the accessibility tree")


def not_signed_out():
    if app.query(pyatspi.ROLE_HEADING, "職員ログイン"):
        raise yrse2e.StepFailed("the nurse was signed out")
    app.find(BUTTON, "職員メニュー")


j.step("she is still signed in: the staff menu, no sign-in", not_signed_out)
j.step("nothing of family A anywhere in the accessibility tree", nothing_of, FAMILY_A, "family A")


def booking_asks_to_register():
    app.click(BUTTON, "産後ケアを予約する")
    app.find(LABEL, "はじめに一度だけ利用申請をしてください")
    if app.query(LABEL, "利用申請は受け付けられています", anywhere=True):
        raise yrse2e.StepFailed("the booking page says the registration was received")
    if any(re.search(r"REG-[2-9A-Z]{4}-[2-9A-Z]{4}", t) for t in app.all_text()):
        raise yrse2e.StepFailed("a REG- number is in the tree")


j.step("family B: the booking page asks to register first, no REG- number", booking_asks_to_register)
j.step("nothing of family A there either", nothing_of, FAMILY_A, "family A")
j.step("back to the start page", app.click, BUTTON, "戻る")


def check_from_the_start():
    app.click(BUTTON, "使える制度を調べる")
    app.find(LABEL, "神戸市にお住まいですか？")
    for choice in ("はい", "いいえ"):
        for node in app.query(None, choice):
            if node.getState().contains(pyatspi.STATE_CHECKED) or node.getState().contains(pyatspi.STATE_PRESSED):
                raise yrse2e.StepFailed(f"{choice} is already chosen")
    if app.query(LABEL, "お子さまが生まれた日", anywhere=True):
        raise yrse2e.StepFailed("family A's birth question is in the tree")


j.step("the check starts at its first question, nothing chosen", check_from_the_start)
j.step("family B: lives in Kobe: yes", answer, "神戸市にお住まいですか？", "はい")
j.step("the next question", app.find, LABEL, "いまの状況に近いものを選んでください。")


def has_actions(n):
    try:
        return n.queryAction().nActions > 0
    except NotImplementedError:
        return False


def next_family_from_the_menu():
    outer = menu = None
    for n in app.query(BUTTON, "職員メニュー"):
        if has_actions(n):
            menu = n
        else:
            outer = n
    app.press(menu)
    # The menu is a popover: found in the menu button's subtree.
    item = yrse2e.wait_for(lambda: next(iter(app.query(pyatspi.ROLE_MENU_ITEM, "次の家庭へ",
                                                       root=outer or menu, anywhere=True)), None),
                           "次の家庭へ in the staff menu")
    app.press(item)
    app.find(LABEL, "ようこそ")


j.step("次の家庭へ from the staff menu", next_family_from_the_menu)
j.step("still signed in", not_signed_out)


def check_again_from_the_start():
    app.click(BUTTON, "使える制度を調べる")
    app.find(LABEL, "神戸市にお住まいですか？")
    if app.query(LABEL, "いまの状況に近いものを選んでください。"):
        raise yrse2e.StepFailed("the check resumed at family B's step")


j.step("the check starts again at its first question", check_again_from_the_start)
j.step("nothing of family A anywhere", nothing_of, FAMILY_A, "family A")


def database():
    data = os.path.join(j.tmp, "app-data", "yorisoi")
    paths = [os.path.join(d, f) for d, _, files in os.walk(data) for f in files if f == "yorisoi.db"]
    if len(paths) != 1:
        raise yrse2e.StepFailed(f"the tablet's store: {paths}")
    return sqlite3.connect(f"file:{paths[0]}?mode=ro", uri=True, timeout=10)


def drafts_hold_nothing():
    db = database()
    try:
        drafts = db.execute("SELECT owner, key, content FROM drafts").fetchall()
        outbox = db.execute("SELECT kind, idempotency_key, server_reference FROM outbox").fetchall()
    finally:
        db.close()
    keys = [key for _, key, _ in outbox]
    for owner, key, content in drafts:
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else str(content or "")
        for value in FAMILY_A + keys + ["子どもが生まれた", "born", "birth.born_on", "residence.in_city"]:
            if value in text:
                raise yrse2e.StepFailed(f"the draft {owner}/{key} holds {value!r}")
    # Her outbox stays: family A's registration, received.
    if [(kind, ref) for kind, _, ref in outbox] != [("registration", registration_ref)]:
        raise yrse2e.StepFailed(f"the nurse's outbox: {outbox}")
    print(f"# {len(drafts)} draft row(s), none with anything of either family", flush=True)


def after_the_drafts_are_written():
    time.sleep(1.5)   # the store writes a queued draft within 300 ms
    drafts_hold_nothing()


j.step("after the end: no draft row holds anything of family A or B; her outbox keeps A's registration",
       after_the_drafts_are_written)

j.finish()
