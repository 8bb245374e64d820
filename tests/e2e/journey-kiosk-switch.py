#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 2. At a kiosk, in English: a pregnant resident runs the check
and starts the application for the first payment; half way through the
form she switches to Japanese, goes on in Japanese, and switches back to
English. Every value she typed is still there after each switch, and the
application she sends reaches the server with all of them."""

import datetime
import json
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrse2e  # noqa: E402
from yrse2e import pyatspi  # noqa: E402

BUTTON = pyatspi.ROLE_PUSH_BUTTON
CHOICE = pyatspi.ROLE_RADIO_BUTTON  # choices are radio buttons (YrsChoiceButton)
TEXT = pyatspi.ROLE_TEXT
NAME = "Hanako Yorisoi"
KANA = "ヨリソイ ハナコ"

# The form's fields by their label in each language, and the values typed.
FIELDS = {
    "name": ({"en": "Full name", "ja": "氏名"}, NAME),
    "kana": ({"en": "Full name in katakana (フリガナ)", "ja": "フリガナ"}, KANA),
    "phone": ({"en": "Phone number", "ja": "電話番号"}, "078-351-0000"),
    "postal": ({"en": "Postal code", "ja": "郵便番号"}, "650-0001"),
    "address": ({"en": "Street address", "ja": "住所"}, "6-5-1 Kano-cho, Chuo-ku, Kobe"),
    "bank": ({"en": "Bank code", "ja": "金融機関コード"}, "0001"),
    "branch": ({"en": "Branch code", "ja": "支店コード"}, "001"),
    "account": ({"en": "Account number", "ja": "口座番号"}, "1234567"),
    "holder": ({"en": "Account holder's name in katakana", "ja": "口座名義（カタカナ）"}, KANA),
}
# What the review shows and the fields hold after normalisation (the form
# makes kana full-width, keeps the digits of a phone number and postal code).
SHOWN = {"kana": "ヨリソイ\u3000ハナコ", "holder": "ヨリソイ\u3000ハナコ",
         "phone": "0783510000", "postal": "6500001"}

j = yrse2e.Journey("kiosk-switch")
server = j.step("a yorisoi-server with demo data listens on loopback", j.server)
app = j.step("the kiosk starts in English, pointed at the server",
             j.app, settings={"mode": "kiosk", "language": "en", "server-url": server.url,
                              "sync-interval-seconds": 5},
             device_token=server.kiosk_token)
j.step("the welcome page greets in English", app.find, pyatspi.ROLE_LABEL, "Welcome")
j.step("start the eligibility check", app.click, BUTTON, "Find out what you can use")


def answer(question, choice):
    app.find(pyatspi.ROLE_LABEL, question)
    app.click(CHOICE, choice)
    app.click(BUTTON, "Next")


def field_node(label, root=None):
    return app.find(TEXT, re.compile("^" + re.escape(label) + " "), root=root)


def date_in(labels, date, root=None):
    for label, value in zip(labels, (date.year, date.month, date.day)):
        app.type_into(field_node(label, root), str(value))


notified = datetime.date.today() - datetime.timedelta(days=30)
j.step("lives in Kobe: yes", answer, "Do you live in Kobe City?", "Yes")
j.step("is pregnant", answer, "Which is closest to your situation now?", "I am pregnant")


def notified_on():
    app.find(pyatspi.ROLE_LABEL, "The day you notified your pregnancy")
    date_in(("Year", "Month", "Day"), notified)
    app.click(BUTTON, "Next")


j.step(f"notified the pregnancy on {notified.isoformat()}", notified_on)
j.step("one baby", lambda: app.find(pyatspi.ROLE_SPIN_BUTTON, "How many babies are you expecting?")
       and app.click(BUTTON, "Next"))
j.step("no public assistance", answer,
       "Does your household receive public assistance (生活保護)?", "No")
j.step("household not exempt from resident tax", answer,
       "Is your household exempt from resident tax (住民税非課税)?", "No")


def apply_first_payment():
    app.find(pyatspi.ROLE_LABEL, "What you can use")
    card = app.find(pyatspi.ROLE_PANEL, re.compile(r"^Pregnancy support payment \(first payment\): Eligible"))
    app.press(app.find(BUTTON, "Apply", root=card))


j.step("eligible for the first payment: apply", apply_first_payment)


def type_fields(keys, lang):
    for key in keys:
        labels, value = FIELDS[key]
        app.type_into(field_node(labels[lang]), value)


def fields_hold(keys, lang):
    for key in keys:
        labels, value = FIELDS[key]
        node = field_node(labels[lang])
        got = yrse2e.text_of(node)
        if got not in (value, SHOWN.get(key)):
            raise yrse2e.StepFailed(f"after the switch, {labels[lang]} holds {got!r}, not {value!r}")


def first_half():
    app.click(CHOICE, "First payment: for the pregnancy")
    type_fields(("name", "kana", "phone"), "en")
    panel = app.find(pyatspi.ROLE_PANEL, re.compile(r"^Date of birth "))
    date_in(("Year", "Month", "Day"), datetime.date(1995, 6, 1), root=panel)


j.step("in English: the first payment, her name, kana, birth date and phone", first_half)
j.step("switch to Japanese in the middle of the form", app.click, CHOICE, "日本語 (Japanese)")


def in_japanese_with_values():
    app.find(pyatspi.ROLE_LABEL, "妊婦のための支援給付 申請")
    fields_hold(("name", "kana", "phone"), "ja")
    panel = app.find(pyatspi.ROLE_PANEL, re.compile(r"^生年月日 "))
    for label, value in (("年", "1995"), ("月", "6"), ("日", "1")):
        got = yrse2e.text_of(field_node(label, panel))
        if got.lstrip("0") != value:
            raise yrse2e.StepFailed(f"the birth date's {label} holds {got!r}")
    app.find(CHOICE, "妊娠時の給付（1回目）")


j.step("the form is in Japanese and every value is still there", in_japanese_with_values)


def second_half():
    type_fields(("postal", "address"), "ja")
    app.click(CHOICE, "銀行・信用金庫など")
    type_fields(("bank", "branch"), "ja")
    app.click(CHOICE, "普通")
    type_fields(("account", "holder"), "ja")


j.step("in Japanese: the address and the bank account", second_half)
j.step("switch back to English", app.click, CHOICE, "English (英語)")


def in_english_with_values():
    app.find(pyatspi.ROLE_LABEL, "Full name")
    fields_hold(tuple(FIELDS), "en")


j.step("the form is in English again and every value is still there", in_english_with_values)
j.step("check the answers", app.click, BUTTON, "Check my answers")


# The review shows the postal code and phone number as people write them
# (the fields keep, and the server gets, the digits).
REVIEWED = {**SHOWN, "postal": "〒650-0001", "phone": "078-351-0000"}


def review():
    for key in FIELDS:
        app.find(pyatspi.ROLE_LABEL, REVIEWED.get(key, FIELDS[key][1]))


j.step("the review shows every value", review)
j.step("send it", app.click, BUTTON, "Send")


def receipt():
    app.find(pyatspi.ROLE_STATUS_BAR, "Received by the city", timeout=60)
    return app.find(pyatspi.ROLE_LABEL, re.compile(r"^APP-[2-9A-Z]{4}-[2-9A-Z]{4}$")).name


reference = j.step("the receipt shows the city's reference", receipt)


def server_holds_it():
    rows = server.query("SELECT reference, programme, fields FROM applications")
    if len(rows) != 1 or rows[0][0] != reference:
        raise yrse2e.StepFailed(f"the server holds {rows}, not one application {reference}")
    fields = json.loads(rows[0][2])
    for key, value in (("applicant.name", NAME), ("address.line", FIELDS["address"][1]),
                       ("bank.account_number", "1234567"), ("applicant.birth_date", "1995-06-01")):
        if fields.get(key) != value:
            raise yrse2e.StepFailed(f"{key} on the server is {fields.get(key)!r}, not {value!r}")


j.step("the server holds exactly that application, with every value", server_holds_it)
j.finish()
