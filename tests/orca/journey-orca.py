#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kiosk journey with the real screen reader, keyboard only, in the
language given (ja or en): Orca 43 with its speech going to
speech-dispatcher's dummy module, whose log says what was spoken
(yrsorca.py). Welcome → the check (radio choices with their state, the
step and the hint) → results (every card reachable, with its status,
amount and reasons) → the application form refused (the error summary
announced; each field says its name, "required" and its error) →
the review → the "Are you still there?" countdown announced. No GTK
type name is ever spoken.

Keys go to the app through XTest (xdotool: Tab, space, Return); text
goes into a field through AT-SPI's EditableText, as a kiosk's on-screen
keypad would put it (typing kana through X keymaps is not what is
tested here). Each step waits for Orca to speak, never a fixed time."""

import datetime
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrsorca  # noqa: E402
from yrsorca import StepFailed, key, pyatspi, yrse2e  # noqa: E402

LANG = sys.argv[1] if len(sys.argv) > 1 else "ja"
if not yrsorca.available():
    print(f"1..0 # SKIP {yrsorca.available.why}", flush=True)
    sys.exit(0)

# What Orca says. Its own words (role names, "selected") come from Orca's
# translation: 43.1 says "selected"/"not selected" in English even in
# Japanese, and "ラジオボタン" for the role.
T = {
    "ja": dict(frame="よりそい フレーム", lang="日本語 \\(Japanese\\)", radio="ラジオボタン",
               button="プッシュボタン", panel="パネル",
               welcome="ようこそ パネル", start="使える制度を調べる プッシュボタン",
               check_page="使える制度を調べる パネル",
               q1="神戸市にお住まいですか？ パネル", yes="^はい", no="^いいえ", step1="ステップ 1",
               hint1="住民登録が神戸市にあるかどうかです。",
               q2="いまの状況に近いものを選んでください。 パネル", pregnant="^妊娠している",
               next="^次へ プッシュボタン", year="^年", month="^月", day="^日",
               spin="おなかの赤ちゃんの人数",
               results="利用できる制度 パネル",
               first_card="妊婦のための支援給付（妊娠時）: 対象です", amount="支給額：50,000円",
               apply="^申請する プッシュボタン", apply_name="申請する", form="申請フォーム パネル",
               review_name="入力内容を確認する", birth_field="生年月日 ※必須 パネル",
               phone_field="電話番号 ※必須",
               required="氏名 ※必須", review="^入力内容を確認する プッシュボタン",
               summary="入力内容に\\d+件の誤りがあります", name_error="＊氏名を入力してください。",
               kana_field="フリガナ ※必須", kana_error="＊フリガナを入力してください。",
               review_page="送信前の確認 パネル",
               countdown="まだご利用中ですか？", still_here="利用を続ける",
               values={"^氏名 ": "寄添 花子", "^フリガナ ": "ヨリソイ ハナコ", "^電話番号 ": "078-351-0000",
                       "^郵便番号 ": "650-0001", "^住所 ": "兵庫県神戸市中央区加納町6-5-1",
                       "^金融機関コード ": "0001", "^支店コード ": "001", "^口座番号 ": "1234567",
                       "^口座名義（カタカナ） ": "ヨリソイ ハナコ"},
               first_payment="妊娠時の給付（1回目）", bank="銀行・信用金庫など", ordinary="普通",
               birth="^生年月日 "),
    "en": dict(frame="Yorisoi frame", lang="English \\(英語\\)", radio="radio button",
               button="push button", panel="panel",
               welcome="Welcome panel", start="Find out what you can use push button",
               check_page="Find out what you can use panel",
               q1="Do you live in Kobe City\\? panel", yes="^Yes", no="^No", step1="Step 1",
               hint1="Whether you are registered as a resident of Kobe.",
               q2="Which is closest to your situation now\\? panel", pregnant="^I am pregnant",
               next="^Next push button", year="^Year", month="^Month", day="^Day",
               spin="How many babies are you expecting",
               results="What you can use panel",
               first_card="Pregnancy support payment \\(first payment\\): Eligible", amount="Amount: ¥50,000",
               apply="^Apply push button", apply_name="Apply", form="Application form panel",
               review_name="Check my answers", birth_field="Date of birth Required panel",
               phone_field="Phone number Required",
               required="Full name Required", review="^Check my answers push button",
               summary="There (is|are) \\d+ problems? in the form", name_error="Full name is required.",
               kana_field="Full name in katakana \\(フリガナ\\) Required", kana_error=None,
               review_page="Check before you send panel",
               countdown="Are you still there\\?", still_here="I'm still here",
               values={"^Full name ": "Hanako Yorisoi", "^Full name in katakana": "ヨリソイ ハナコ",
                       "^Phone number ": "078-351-0000", "^Postal code ": "650-0001",
                       "^Street address ": "6-5-1 Kano-cho, Chuo-ku, Kobe",
                       "^Bank code ": "0001", "^Branch code ": "001", "^Account number ": "1234567",
                       "^Account holder": "ヨリソイ ハナコ"},
               first_payment="First payment: for the pregnancy", bank="A bank or credit union",
               ordinary="Ordinary (普通)", birth="^Date of birth "),
}[LANG]

j = yrse2e.Journey(f"orca-{LANG}")
# The kiosk counts input events: keys, and the pointer moved a pixel
# before each AT-SPI action (yrse2e's touches). With no input for IDLE
# seconds once she has answered something, it asks "Are you still
# there?" (the last step waits for that).
IDLE = 20
app = j.step(f"the kiosk starts in {LANG}", yrsorca.start_app,
             j, {"mode": "kiosk", "language": LANG, "idle-timeout-seconds": IDLE})
speech = yrsorca.Speech(j)
spoken = []


def said(utterances):
    spoken.extend(utterances)
    return " | ".join(utterances)


def heard(pattern, text):
    """pattern in what was said; a pattern with ^ at the start of one
    message (the name of what got the focus)."""
    if pattern.startswith("^"):
        return any(re.search(pattern, u.strip()) for u in re.split(r"\|\|?", text))
    return re.search(pattern, text) is not None


def expect(text, *patterns):
    for p in patterns:
        if p is not None and not heard(p, text):
            raise StepFailed(f"Orca did not say /{p}/; it said: {text}")
    print(f"# said: {text[:900]}", flush=True)
    return text


def click(name, until=None):
    """Presses a button through AT-SPI's action where Tab would take 20
    presses to get there (GTK 4.8 has no Component.grabFocus): the same
    button, the same focus change after it, which is what Orca reads."""
    node = yrse2e.wait_for(lambda: next(iter(app.query(pyatspi.ROLE_PUSH_BUTTON, name, anywhere=True)), None),
                           f"the button {name}")
    speech.mark()
    app.press(node)
    if until is not None:
        return said(speech.wait_for(until))
    return said(speech.settle())


def press(*keys):
    speech.mark()
    key(*keys)
    return said(speech.settle())


def tab_to(pattern, limit=40, backwards=False):
    """Tab (or Shift+Tab) until Orca says pattern; returns everything
    said on the way."""
    so_far = []
    for _ in range(limit):
        text = press("shift+Tab" if backwards else "Tab")
        so_far.append(text)
        if heard(pattern, text):
            return " || ".join(so_far)
    raise StepFailed(f"{limit} Tabs and Orca never said /{pattern}/: {' || '.join(so_far)[-3000:]}")


def start_orca():
    speech.mark()
    j.orca = yrsorca.Orca(j, speech, LANG)
    return expect(said(yrsorca.focus_window(app.proc.pid, speech, T["frame"])), T["frame"])


SELECTED = r"(?<!not )selected"


def current_language():
    """The language choice is a pair of radio buttons: the current one
    says "selected", the other "not selected"."""
    text = press("Tab")
    if not heard(T["lang"], text):
        text = press("shift+Tab")
    return expect(text, T["lang"], T["radio"], SELECTED)


j.step("Orca starts and presents the window", start_orca)
j.step("the current language is a radio button, selected", current_language)
j.step("Tab reaches the start button on the welcome page (its title said)",
       lambda: expect(tab_to(T["start"]), T["welcome"]))
j.step("Return: the check page, the question, the first choice as a radio button, the step and the hint",
       lambda: expect(press("Return"), T["check_page"], T["q1"], T["yes"], T["radio"], "not selected",
                      T["step1"], T["hint1"]))
j.step("space chooses it: selected", lambda: expect(press("space"), SELECTED))


def next_question(*patterns):
    tab_to(T["next"])
    return expect(press("Return"), *patterns)


j.step("Next: the second question, named, its first choice", next_question, T["q2"], T["pregnant"], T["radio"])
j.step("space: pregnant, selected", lambda: expect(press("space"), SELECTED))


def notified():
    next_question(".")
    day = datetime.date.today() - datetime.timedelta(days=30)
    for pattern, value in ((T["year"], day.year), (T["month"], day.month), (T["day"], day.day)):
        print(f"# {tab_to(pattern)[-300:]}", flush=True)
        app.type_into(app.find(pyatspi.ROLE_TEXT, re.compile(pattern)), str(value))


j.step("Next: the date the pregnancy was notified, typed into year, month and day", notified)
j.step("Next: the number of babies, a spin button", next_question, T["spin"])
j.step("Next: public assistance? the choices", next_question, T["yes"], T["radio"])


def answer_no():
    expect(tab_to(T["no"]), T["radio"])
    return expect(press("space"), SELECTED)


j.step("no", answer_no)
j.step("Next: residence tax? the choices", next_question, T["yes"], T["radio"])
j.step("no", answer_no)


def results():
    # The focus lands on the first card: its name with the status, then
    # its amount and reasons.
    text = next_question(T["results"], T["first_card"], re.escape(T["amount"]))
    cards = set()
    # Every card is a stop for Tab, with its status in its name and its
    # amount or reasons after it.
    for _ in range(20):
        now = press("Tab")
        m = re.search(r"([^|]+: [^|]+) " + T["panel"] + r"\.? \| [^|]*\S", now)
        if m:
            cards.add(m.group(1).strip())
        if len(cards) >= 10:
            break
    if len(cards) < 10:
        raise StepFailed(f"only {len(cards)} cards spoken with a description while tabbing: {cards}")
    print(f"# {len(cards)} cards: {sorted(cards)}", flush=True)
    return expect(click(T["apply_name"], until=T["form"]), T["form"])


j.step("results: the page, every card with status, amount and reasons; Apply: the form", results)


def refused():
    # The fields in Tab order, each with its name and "required".
    form = " || ".join(press("Tab") for _ in range(9))
    expect(form, T["required"], T["kana_field"], T["radio"], T["birth_field"], T["phone_field"])
    return expect(click(T["review_name"], until=T["summary"]), T["summary"])


j.step("every field says its name and required; Check my answers: the error summary is announced",
       refused)


def follow_link():
    expect(press("Tab"), re.escape(T["name_error"]) + " " + T["button"])
    text = press("Return")
    expect(text, T["required"], re.escape(T["name_error"]))
    if "ZOMBIE" in text:
        raise StepFailed(text)
    text = press("Tab")
    return expect(text, T["kana_field"], re.escape(T["kana_error"]) if T["kana_error"] else None)


j.step("Tab: the summary's first link, the name's error; it takes her to the name field, which says required and its error; "
       "Tab: the next field says its own", follow_link)


def fill_and_review():
    app.press(app.find(pyatspi.ROLE_RADIO_BUTTON, T["first_payment"]))
    for pattern, value in T["values"].items():
        app.type_into(yrse2e.wait_for(lambda: next(iter(app.query(
            pyatspi.ROLE_TEXT, re.compile(pattern), anywhere=True)), None), pattern), value)
    panel = app.find(pyatspi.ROLE_PANEL, re.compile(T["birth"]))
    for node, value in zip(app.query(pyatspi.ROLE_TEXT, root=panel)[:3], ("1995", "6", "1")):
        app.type_into(node, value)
    app.press(app.find(pyatspi.ROLE_RADIO_BUTTON, T["ordinary"]))
    return expect(click(T["review_name"], until=T["review_page"]), T["review_page"])


def choose_bank_first():
    app.press(app.find(pyatspi.ROLE_RADIO_BUTTON, T["bank"]))


j.step("the bank account kind chosen", choose_bank_first)
j.step("filled in; Check my answers: the review page", fill_and_review)


def countdown():
    # No key now: after IDLE seconds the countdown comes and takes the
    # focus, and Orca says the dialog (its name, its text) and the button.
    speech.mark()
    text = said(speech.wait_for(T["countdown"], timeout=IDLE + 60))
    return expect(text, T["countdown"], T["still_here"])


j.step("left alone: the countdown is announced", countdown)


def no_type_names():
    bad = [u for u in spoken if re.search(r"Gtk|Adw[A-Z]|Yrs[A-Z]", u)]
    if bad:
        raise StepFailed(f"type names spoken: {bad}")
    print(f"# {len(spoken)} messages spoken, none with a type name", flush=True)


j.step("nothing spoken was a GTK type name", no_type_names)


def stop_all():
    j.orca.stop()
    speech.stop()


j.step("stop Orca and speech-dispatcher", stop_all)
j.finish()
