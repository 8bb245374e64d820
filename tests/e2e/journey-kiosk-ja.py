#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 1. At a kiosk, in Japanese: a pregnant resident runs the
eligibility check, applies for the first 寄り添い支援 payment (妊婦のための
支援給付, the payment for the pregnancy) and gets a receipt with the
city's reference number; the server then holds exactly that application,
once."""

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
NAME = "寄添 花子"
KANA = "ヨリソイ ハナコ"
PHONE = "078-351-0000"

j = yrse2e.Journey("kiosk-ja")
server = j.step("a yorisoi-server with demo data listens on loopback", j.server)
app = j.step("the kiosk starts in Japanese, pointed at the server",
             j.app, settings={"mode": "kiosk", "language": "ja", "server-url": server.url,
                              "sync-interval-seconds": 5},
             device_token=server.kiosk_token)
j.step("the welcome page greets in Japanese", app.find, pyatspi.ROLE_LABEL, "ようこそ")
j.step("start the eligibility check", app.click, BUTTON, "使える制度を調べる")


def answer(question, choice):
    app.find(pyatspi.ROLE_LABEL, question)
    app.click(CHOICE, choice)
    app.click(BUTTON, "次へ")


def type_date(date):
    for label, value in (("年", date.year), ("月", date.month), ("日", date.day)):
        app.type_into(app.find(pyatspi.ROLE_TEXT, re.compile("^" + label)), str(value))
    app.click(BUTTON, "次へ")


notified = datetime.date.today() - datetime.timedelta(days=30)
j.step("lives in Kobe: yes", answer, "神戸市にお住まいですか？", "はい")
j.step("is pregnant", answer, "いまの状況に近いものを選んでください。", "妊娠している")
j.step(f"notified the pregnancy on {notified.isoformat()}", type_date, notified)


def one_baby():
    spin = app.find(pyatspi.ROLE_SPIN_BUTTON, "おなかの赤ちゃんの人数")
    if yrse2e.text_of(spin) != "1":
        raise yrse2e.StepFailed(f"the number of babies starts at {yrse2e.text_of(spin)!r}")
    app.click(BUTTON, "次へ")


j.step("one baby", one_baby)
j.step("no public assistance", answer, "生活保護を受けていますか？", "いいえ")
j.step("household not exempt from residence tax", answer, "世帯の住民税は非課税ですか？", "いいえ")
j.step("the results page lists what she can use", app.find, pyatspi.ROLE_LABEL, "利用できる制度")


def apply_first_payment():
    card = app.find(pyatspi.ROLE_PANEL, re.compile("^妊婦のための支援給付（妊娠時）: 対象です"))
    if not app.query(pyatspi.ROLE_LABEL, "支給額：50,000円", root=card):
        raise yrse2e.StepFailed("the card does not say 50,000円")
    app.press(app.find(BUTTON, "申請する", root=card))


j.step("she is eligible for the first payment, 50,000円, and applies", apply_first_payment)


def field(name, value, root=None):
    app.type_into(app.find(pyatspi.ROLE_TEXT, re.compile("^" + re.escape(name) + " "), root=root), value)


def date_in(panel_name, date):
    panel = app.find(pyatspi.ROLE_PANEL, re.compile("^" + re.escape(panel_name) + " "))
    for label, value in (("年", date.year), ("月", date.month), ("日", date.day)):
        field(label, str(value), root=panel)


def about_her():
    app.click(CHOICE, "妊娠時の給付（1回目）")
    field("氏名", NAME)
    field("フリガナ", KANA)
    date_in("生年月日", datetime.date(1995, 6, 1))
    field("電話番号", PHONE)
    field("郵便番号", "650-0001")
    field("住所", "兵庫県神戸市中央区加納町6-5-1")


j.step("fill in the first payment, her name, kana, birth date, phone and address", about_her)
j.step("pay into a bank account", app.click, CHOICE, "銀行・信用金庫など")


def bank():
    field("金融機関コード", "0001")
    field("支店コード", "001")
    app.click(CHOICE, "普通")
    field("口座番号", "1234567")
    field("口座名義（カタカナ）", KANA)


j.step("the bank account: 0001-001, ordinary 1234567, in her name", bank)
j.step("check the answers", app.click, BUTTON, "入力内容を確認する")


def review():
    for value in (NAME, "ヨリソイ\u3000ハナコ", "平成7年6月1日（1995年6月1日）", "1234567", "妊娠時の給付（1回目）"):
        app.find(pyatspi.ROLE_LABEL, value)


j.step("the review shows what she entered (kana made full-width, the date in 和暦 too)", review)
j.step("send it", app.click, BUTTON, "送信する")


def receipt():
    app.find(pyatspi.ROLE_STATUS_BAR, "市が受け付けました", timeout=60)
    label = app.find(pyatspi.ROLE_LABEL, re.compile(r"^APP-[2-9A-Z]{4}-[2-9A-Z]{4}$"))
    app.find(pyatspi.ROLE_IMAGE, re.compile(re.escape(label.name) + " のQRコード"))
    return label.name


reference = j.step("the receipt shows the city's reference number and its QR code", receipt)


def server_holds_it():
    rows = server.query("SELECT reference, programme, fields FROM applications")
    if len(rows) != 1:
        raise yrse2e.StepFailed(f"the server holds {len(rows)} applications, not 1: {rows}")
    ref, programme, fields = rows[0]
    fields = json.loads(fields)
    if ref != reference or programme != "support_payment_pregnancy":
        raise yrse2e.StepFailed(f"the server holds {ref} for {programme}")
    for key, value in (("applicant.name", NAME), ("payment.which", "pregnancy"),
                       ("bank.account_number", "1234567")):
        if fields.get(key) != value:
            raise yrse2e.StepFailed(f"{key} on the server is {fields.get(key)!r}, not {value!r}")


j.step("the server holds exactly that application, once", server_holds_it)
j.step("finish: the kiosk goes back to the welcome page", app.click, BUTTON, "終了する")
j.step("the welcome page greets the next person", app.find, pyatspi.ROLE_LABEL, "ようこそ")
j.finish()
