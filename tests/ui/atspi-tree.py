#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The accessibility tree, as a screen reader gets it over AT-SPI, on
every page of the kiosk journey (welcome, each question of the check,
results, the application form before and after a refused "Check my
answers", the review), in the language given (ja or en):

- no node's name or description is a GTK type name (^Gtk: GTK 4.8 names
  an unlabelled widget by its type, and Orca reads it out);
- every control the keyboard can reach has a name;
- choices (はい／いいえ, the kind of payment, the language) are radio
  buttons whose checked state follows what is chosen;
- every results card is reachable by keyboard and carries its status in
  its name and its amount and reasons in its description;
- a field with an error says it (its description) and that it is
  required (its name), and no node has AT-SPI's "invalid" state, which
  Orca takes for a defunct object.

Run with /usr/bin/python3 under an X display and a session bus (the ui
suite runs it like the e2e journeys)."""

import datetime
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import yrse2e  # noqa: E402
from yrse2e import StepFailed, pyatspi  # noqa: E402

LANG = sys.argv[1] if len(sys.argv) > 1 else "ja"
T = {
    "ja": dict(start="使える制度を調べる", yes="はい", no="いいえ", pregnant="妊娠している",
               next="次へ", apply="申請する", review="入力内容を確認する",
               card="^妊婦のための支援給付（妊娠時）: 対象です", amount="支給額：50,000円",
               required="※必須", name_error="＊氏名を入力してください。",
               lang_chosen="日本語 (Japanese)", first="妊娠時の給付（1回目）",
               bank="銀行・信用金庫など", ordinary="普通", name="氏名",
               fields=[("氏名", "寄添 花子"), ("フリガナ", "ヨリソイ ハナコ"), ("電話番号", "078-351-0000"),
                       ("郵便番号", "650-0001"), ("住所", "兵庫県神戸市中央区加納町6-5-1"),
                       ("金融機関コード", "0001"), ("支店コード", "001"), ("口座番号", "1234567"),
                       ("口座名義（カタカナ）", "ヨリソイ ハナコ")],
               birth="生年月日", review_page="送信する"),
    "en": dict(start="Find out what you can use", yes="Yes", no="No", pregnant="I am pregnant",
               next="Next", apply="Apply", review="Check my answers",
               card="^Pregnancy support payment \\(first payment\\): Eligible", amount="Amount: ¥50,000",
               required="Required", name_error="Full name is required.",
               lang_chosen="English (英語)", first="First payment: for the pregnancy",
               bank="A bank or credit union", ordinary="Ordinary (普通)", name="Full name",
               fields=[("Full name", "Hanako Yorisoi"), ("Full name in katakana", "ヨリソイ ハナコ"),
                       ("Phone number", "078-351-0000"), ("Postal code", "650-0001"),
                       ("Street address", "6-5-1 Kano-cho, Chuo-ku, Kobe"),
                       ("Bank code", "0001"), ("Branch code", "001"), ("Account number", "1234567"),
                       ("Account holder", "ヨリソイ ハナコ")],
               birth="Date of birth", review_page="Send"),
}[LANG]

BUTTON, CHOICE = pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_RADIO_BUTTON
CONTROLS = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
            pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT,
            pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_LINK,
            pyatspi.ROLE_ENTRY, pyatspi.ROLE_SLIDER, pyatspi.ROLE_PANEL}
TYPE_NAME = re.compile(r"^Gtk")

j = yrse2e.Journey(f"atspi-tree-{LANG}")
app = j.step(f"a kiosk starts in {LANG}",
             j.app, settings={"mode": "kiosk", "language": LANG, "idle-timeout-seconds": 900})
checked_pages = []


def scan_tree():
    """One walk of the whole tree: the problems found and the number of
    controls the keyboard can reach."""
    problems = []
    n_controls = 0
    for n in app.nodes():
        try:
            name, description, role, state = n.name or "", n.description or "", n.getRole(), n.getState()
        except Exception:
            continue
        what = f"{n.getRoleName()} {name!r}"
        if TYPE_NAME.search(name) or TYPE_NAME.search(description):
            problems.append(f"{what} (description {description!r}): a GTK type name")
        if state.contains(pyatspi.STATE_INVALID):
            problems.append(f"{what}: the AT-SPI 'invalid' (defunct) state")
        if role in CONTROLS and state.contains(pyatspi.STATE_FOCUSABLE):
            n_controls += 1
            if not name.strip():
                problems.append(f"{n.getRoleName()} (parent {n.parent.getRoleName()} {n.parent.name!r}): "
                                "focusable without a name")
        if role == pyatspi.ROLE_RADIO_BUTTON:
            group = [c for c in (n.parent.getChildAtIndex(i) for i in range(n.parent.childCount))
                     if c is not None and c.getRole() == pyatspi.ROLE_RADIO_BUTTON]
            if sum(c.getState().contains(pyatspi.STATE_CHECKED) for c in group) > 1:
                problems.append(f"{what}: more than one checked in its group")
    return problems, n_controls


def check_tree(page):
    """The three rules over the whole tree (hidden pages too), once the
    page has been built: right after a click the app may still be
    building the next page, and a walk then finds its controls not yet
    focusable (under AddressSanitizer, where the app is several times
    slower, the first walk after "Next" found 0 controls on a page with
    14). So the tree is walked again until a walk finds the page's
    controls and no problem; a problem that stays is reported, with what
    the last walk found."""
    last = {}

    def settled():
        last["problems"], last["n"] = scan_tree()
        return last["n"] >= 5 and not last["problems"]

    try:
        yrse2e.wait_for(settled, f"the tree of {page}")
    except StepFailed:
        if last["problems"]:
            raise StepFailed(f"{page}: " + "; ".join(last["problems"][:40])) from None
        raise StepFailed(f"{page}: only {last['n']} controls in the tree") from None
    checked_pages.append(page)
    print(f"# {page}: {last['n']} controls", flush=True)


def choose(name):
    """A choice is a radio button; once pressed, it says it is checked
    and the others of its group are not."""
    node = app.find(CHOICE, name)
    if app.query(BUTTON, name):
        raise StepFailed(f"{name!r} is also a plain push button")
    app.press(node)
    yrse2e.wait_for(lambda: node.getState().contains(pyatspi.STATE_CHECKED), f"{name!r} to be checked")
    for i in range(node.parent.childCount):
        other = node.parent.getChildAtIndex(i)
        if other != node and other.getRole() == CHOICE and other.getState().contains(pyatspi.STATE_CHECKED):
            raise StepFailed(f"{other.name!r} is still checked beside {name!r}")


def question(choice):
    check_tree(f"check: {choice}")
    group = app.find(pyatspi.ROLE_PANEL, re.compile("."), root=app.find(CHOICE, choice).parent.parent) \
        if False else app.find(CHOICE, choice).parent
    if not group.name or not group.description:
        raise StepFailed(f"the choices' group {group.name!r} has no question or no step: {group.description!r}")
    choose(choice)
    app.click(BUTTON, T["next"])


def welcome():
    check_tree("welcome")
    lang = app.find(CHOICE, T["lang_chosen"])
    if not lang.getState().contains(pyatspi.STATE_CHECKED):
        raise StepFailed("the current language is not checked")


j.step("welcome: the tree, and the current language checked", welcome)
j.step("start the check", app.click, BUTTON, T["start"])
j.step("lives in Kobe: yes", question, T["yes"])
j.step("is pregnant", question, T["pregnant"])


def notified():
    check_tree("check: date")
    day = datetime.date.today() - datetime.timedelta(days=30)
    texts = [n for n in app.query(pyatspi.ROLE_TEXT)][:3]
    for node, value in zip(texts, (day.year, day.month, day.day)):
        app.type_into(node, str(value))
    app.click(BUTTON, T["next"])


j.step("notified 30 days ago", notified)


def one_baby():
    check_tree("check: babies")
    app.find(pyatspi.ROLE_SPIN_BUTTON, re.compile("."))
    app.click(BUTTON, T["next"])


j.step("one baby", one_baby)
j.step("no public assistance", question, T["no"])
j.step("not tax-exempt", question, T["no"])


def results():
    card = app.find(pyatspi.ROLE_PANEL, re.compile(T["card"]))
    check_tree("results")
    cards = [n for n in app.query(pyatspi.ROLE_PANEL, re.compile(": ."), anywhere=True)
             if n.getState().contains(pyatspi.STATE_FOCUSABLE)]
    if len(cards) < 10:
        raise StepFailed(f"only {len(cards)} results cards are focusable")
    silent = [c.name for c in cards if not (c.description or "").strip()]
    if silent:
        raise StepFailed(f"cards with no amount or reasons for a screen reader: {silent}")
    if T["amount"] and T["amount"] not in card.description:
        raise StepFailed(f"the card's description does not give the amount: {card.description!r}")
    app.press(app.find(BUTTON, T["apply"], root=card))


j.step("results: every card reachable, with status, amount and reasons", results)


def refused():
    app.find(pyatspi.ROLE_TEXT, re.compile("^" + re.escape(T["name"]) + " "))
    check_tree("apply")
    app.click(BUTTON, T["review"])
    alert = app.find(pyatspi.ROLE_ALERT, re.compile("."))
    name = yrse2e.wait_for(lambda: next((n for n in app.query(pyatspi.ROLE_TEXT, re.compile(
        "^" + re.escape(T["name"]) + " ")) if T["name_error"] in (n.description or "")), None),
        "the name field described by its error")
    if T["required"] not in name.name:
        raise StepFailed(f"the name field does not say it is required: {name.name!r}")
    check_tree("apply with errors")
    return alert.name


j.step("the form refused: the summary, and each field says required and its error", refused)


def fill():
    choose(T["first"])
    for label, value in T["fields"][:5]:
        app.type_into(app.find(pyatspi.ROLE_TEXT, re.compile("^" + re.escape(label))), value)
    panel = app.find(pyatspi.ROLE_PANEL, re.compile("^" + re.escape(T["birth"])))
    for node, value in zip(app.query(pyatspi.ROLE_TEXT, root=panel)[:3], ("1995", "6", "1")):
        app.type_into(node, value)
    choose(T["bank"])
    for label, value in T["fields"][5:7]:
        app.type_into(app.find(pyatspi.ROLE_TEXT, re.compile("^" + re.escape(label))), value)
    choose(T["ordinary"])
    for label, value in T["fields"][7:]:
        app.type_into(app.find(pyatspi.ROLE_TEXT, re.compile("^" + re.escape(label))), value)
    app.click(BUTTON, T["review"])
    app.find(BUTTON, T["review_page"])
    check_tree("review")


j.step("filled in and checked: the review page", fill)
j.finish()
