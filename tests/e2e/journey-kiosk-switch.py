#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 2. At a kiosk, in English: a pregnant resident runs the check
and starts the application for the first payment; half way through the
form she switches to Japanese, goes on in Japanese, and switches back to
English. Every value she typed is still there after each switch, and the
application she sends reaches the server with all of them.

Issue 23: she switches on every page, in the middle of what she is doing
there (the welcome page, a question of the check with her answer chosen,
the results scrolled down, the form scrolled down with a field focused,
the review), with a tap of the finger on the header's button (XTest, as
journey-kiosk-kanji.py taps). After each switch: every value is still
there, the field she was in still has the focus, the page has not moved
(what she was looking at is where it was), and no text in the
accessibility tree is in the old language, checked against both
catalogues (po/ja.po: a msgid whose Japanese differs must not show in
Japanese, its Japanese not in English; and the programme catalogue's
ja/en texts)."""

import ctypes
import datetime
import json
import os
import re
import sys
import time

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

# The two catalogues ---------------------------------------------------------

def _po_entries(path):
    """(msgid, msgid_plural, [msgstr...]) of every translated entry."""
    entries, cur, key = [], None, None

    def flush():
        if cur and cur.get("msgid") and not cur.get("fuzzy") and any(cur.get("msgstr", [])):
            entries.append((cur["msgid"], cur.get("msgid_plural"), cur["msgstr"]))

    def unquote(s):
        return json.loads(s) if s.startswith('"') else ""

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("#,") and "fuzzy" in line:
                flush()
                cur, key = {"fuzzy": True}, None
            elif line.startswith("msgctxt") or (line.startswith("msgid ") and (cur is None or "msgstr" in cur)):
                if not (cur and cur.get("fuzzy") and "msgid" not in cur):
                    flush()
                    cur = {}
                key = "ctx" if line.startswith("msgctxt") else "msgid"
                cur[key] = unquote(line.split(" ", 1)[1])
            elif line.startswith("msgid "):
                key = "msgid"
                cur[key] = unquote(line.split(" ", 1)[1])
            elif line.startswith("msgid_plural"):
                key = "msgid_plural"
                cur[key] = unquote(line.split(" ", 1)[1])
            elif line.startswith("msgstr"):
                key = "msgstr"
                cur.setdefault("msgstr", []).append(unquote(line.split(" ", 1)[1]))
            elif line.startswith('"') and cur is not None and key:
                if key == "msgstr":
                    cur["msgstr"][-1] += unquote(line)
                else:
                    cur[key] += unquote(line)
    flush()
    return entries


_FORMAT = re.compile(r"%(?:\d+\$)?[-'#0 +]*\d*(?:\.\d+)?(?:l|ll|h|z)?[sdufixgc%]")


def _pattern(text):
    """A format string as a regular expression; None when it has too few
    words of its own to tell."""
    parts = _FORMAT.split(text)
    if sum(len(p.strip()) for p in parts) < 8:
        return None
    return re.compile("".join(re.escape(p) + ("(.+?)" if i < len(parts) - 1 else "")
                              for i, p in enumerate(parts)) + "$", re.S)


def _catalogue_pairs(value, out):
    """Every {"ja": ..., "en": ...} text of the programme catalogue."""
    if isinstance(value, dict):
        if isinstance(value.get("ja"), str) and isinstance(value.get("en"), str):
            out.append((value["en"], value["ja"]))
        for v in value.values():
            _catalogue_pairs(v, out)
    elif isinstance(value, list):
        for v in value:
            _catalogue_pairs(v, out)


class Catalogues:
    def __init__(self):
        root = os.environ.get("YRS_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
        pairs = []
        for msgid, plural, msgstrs in _po_entries(os.path.join(root, "po", "ja.po")):
            pairs.append((msgid, msgstrs[0]))
            if plural:
                pairs.append((plural, msgstrs[0]))
        with open(os.path.join(root, "data", "catalog", "kobe-2025.json"), encoding="utf-8") as f:
            _catalogue_pairs(json.load(f), pairs)
        pairs = [(en, ja) for en, ja in pairs if en.strip() and ja.strip() and en != ja]
        ens = {en for en, _ in pairs}
        jas = {ja for _, ja in pairs}
        # A text only in one language (not also a text of the other).
        self.only = {"en": ens - jas, "ja": jas - ens}
        self.all = {"en": ens, "ja": jas}
        self.patterns = {"en": [p for p in (_pattern(en) for en in ens if _FORMAT.search(en)) if p],
                         "ja": [p for p in (_pattern(ja) for ja in jas if _FORMAT.search(ja)) if p]}
        # Long texts, found inside a longer accessible name too.
        self.long = {"en": [t for t in self.only["en"] if len(t) >= 20 and " " in t and "%" not in t],
                     "ja": [t for t in self.only["ja"] if len(t) >= 6 and "%" not in t]}
        # ... unless inside a text of the other language that quotes it
        # ("Japan Post Bank (ゆうちょ銀行)").
        self.quoted = {old: {t: [n for n in self.all["ja" if old == "en" else "en"] if t in n]
                             for t in self.long[old]} for old in ("en", "ja")}

    def old_language(self, text, old):
        """Why `text` reads in the language `old`, or None."""
        text = text.strip()
        new = "ja" if old == "en" else "en"
        if not text or text in self.all[new]:
            return None
        if text in self.only[old]:
            return "a text of the catalogue"
        for p in self.patterns[old]:
            if p.match(text):
                return f"the format {p.pattern!r}"
        for t in self.long[old]:
            if t in text and not any(q in text for q in self.quoted[old][t]):
                return f"it holds {t!r}"
        return None


CATALOGUES = Catalogues()


# Taps with the finger (XTest), and where things are -------------------------

_xtst = []


def _xtest():
    if not _xtst:
        lib, display = yrse2e._x11_display()
        xtst = ctypes.CDLL("libXtst.so.6")
        xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                              ctypes.c_int, ctypes.c_ulong]
        xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                              ctypes.c_ulong]
        _xtst.extend((lib, display, xtst))
    return _xtst


def tap_at(x, y):
    lib, display, xtst = _xtest()
    # Into the window, then onto the point: an overlay scroll bar widens
    # under the finger only once the pointer moves over it.
    for dx in (-40, 0):
        xtst.XTestFakeMotionEvent(display, -1, int(x) + dx, int(y), 0)
        lib.XFlush(display)
        time.sleep(0.3)
    xtst.XTestFakeButtonEvent(display, 1, 1, 0)
    lib.XFlush(display)
    time.sleep(0.05)
    xtst.XTestFakeButtonEvent(display, 1, 0, 0)
    lib.XFlush(display)
    time.sleep(0.4)


def extents(node):
    # The kiosk's window is full-screen at the screen's origin.
    return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def tap(node):
    e = extents(node)
    tap_at(e.x + e.width // 2, e.y + min(e.height // 2, 20))


_slider = [0]   # how far the slider was dragged down its trough


def scroll_page(pixels, from_top=False):
    """Drags the page's scroll bar's slider down by `pixels` with the
    finger, from where it was dragged before (`from_top`: a page at its
    top). A tap in the trough did not move it here, and GTK 4.8 on Xvfb
    does not scroll on XTest's wheel buttons."""
    if from_top:
        _slider[0] = 0
    bars = [n for n in app.query(pyatspi.ROLE_SCROLL_BAR) if extents(n).height > 200]
    if not bars:
        raise yrse2e.StepFailed("the page has no scroll bar")
    e = extents(max(bars, key=lambda n: extents(n).height))
    lib, display, xtst = _xtest()
    x, y = e.x + e.width // 2, e.y + 12 + _slider[0]
    _slider[0] += pixels
    for dx in (-40, 0):
        xtst.XTestFakeMotionEvent(display, -1, x + dx, y, 0)
        lib.XFlush(display)
        time.sleep(0.3)
    xtst.XTestFakeButtonEvent(display, 1, 1, 0)
    lib.XFlush(display)
    for step in range(1, 11):
        time.sleep(0.05)
        xtst.XTestFakeMotionEvent(display, -1, x, y + pixels * step // 10, 0)
        lib.XFlush(display)
    time.sleep(0.1)
    xtst.XTestFakeButtonEvent(display, 1, 0, 0)
    lib.XFlush(display)
    time.sleep(0.5)


def focused_text():
    return next((n for n in app.query(TEXT, anywhere=True)
                 if n.getState().contains(pyatspi.STATE_FOCUSED)), None)


LANGUAGE_BUTTONS = {"ja": "日本語 (Japanese)", "en": "English (英語)"}


def old_texts(old):
    """The texts of the accessibility tree that read in `old`: names,
    descriptions and labels' text (not what she typed)."""
    found = []
    for n in app.nodes():
        try:
            role = n.getRole()
            texts = [n.name, n.description]
            if role not in (TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON):
                texts.append(yrse2e.text_of(n))
            for t in texts:
                why = t and CATALOGUES.old_language(t, old)
                if why:
                    found.append(f"{n.getRoleName()} {t!r} ({why})")
        except Exception:
            continue
    return found


def switch(to, marker, anchor=None, keep_focus=False):
    """Taps the header's language button; waits for `marker` (a label in
    the new language); then checks that nothing reads in the old language,
    that `anchor` (a node's name pattern in the new language, on screen
    before) is where it was, and that the field focused before still is."""
    old = "en" if to == "ja" else "ja"
    before_y = extents(anchor[0]).y if anchor else None
    focused = focused_text() if keep_focus else None
    if keep_focus and focused is None:
        raise yrse2e.StepFailed("no field has the focus before the switch")
    tap(app.find(None, LANGUAGE_BUTTONS[to]))
    app.find(pyatspi.ROLE_LABEL, marker)
    bad = old_texts(old)
    if bad:
        time.sleep(1)   # the next frame, then look again
        bad = old_texts(old)
    if bad:
        raise yrse2e.StepFailed(f"after the switch to {to}, still in {old}: " + "; ".join(bad[:12]))
    if keep_focus:
        now = focused_text()
        if now is None:
            raise yrse2e.StepFailed("after the switch no field has the focus")
        if not re.match(keep_focus, now.name or ""):
            raise yrse2e.StepFailed(f"after the switch the focus is in {now.name!r}, not {keep_focus}")
    if anchor:
        node = app.find(anchor[2] if len(anchor) > 2 else None, anchor[1])
        moved = extents(node).y - before_y
        # Texts above it may wrap into more or fewer lines in the other
        # language: a little movement is no scroll.
        if abs(moved) > (anchor[3] if len(anchor) > 3 else 150):
            raise yrse2e.StepFailed(f"after the switch {node.name!r} moved by {moved} px: the page scrolled")


j = yrse2e.Journey("kiosk-switch")
server = j.step("a yorisoi-server with demo data listens on loopback", j.server)
app = j.step("the kiosk starts in English, pointed at the server",
             j.app, settings={"mode": "kiosk", "language": "en", "server-url": server.url,
                              "sync-interval-seconds": 5},
             device_token=server.kiosk_token)
j.step("the welcome page greets in English", app.find, pyatspi.ROLE_LABEL, "Welcome")
j.step("on the welcome page: to Japanese, nothing left in English", switch, "ja", "ようこそ")
j.step("and back to English, nothing left in Japanese", switch, "en", "Welcome")
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


def choice_kept(name):
    node = app.find(None, name)
    if not (node.getState().contains(pyatspi.STATE_CHECKED) or node.getState().contains(pyatspi.STATE_PRESSED)):
        raise yrse2e.StepFailed(f"after the switch her answer {name!r} is no longer chosen")


def mid_question():
    app.find(pyatspi.ROLE_LABEL, "Which is closest to your situation now?")
    app.click(CHOICE, "I am pregnant")
    switch("ja", "いまの状況に近いものを選んでください。")
    choice_kept("妊娠している")
    switch("en", "Which is closest to your situation now?")
    choice_kept("I am pregnant")
    app.click(BUTTON, "Next")


j.step("is pregnant: switches to Japanese and back with the answer chosen, then goes on", mid_question)


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
    _slider[0] = 0   # the form opens at its top




def results_scrolled():
    heading = app.find(pyatspi.ROLE_LABEL, "What you can use")
    top = extents(heading).y
    scroll_page(150, from_top=True)
    # The page must really have moved for the check to mean anything.
    scrolled = top - extents(heading).y
    if scrolled < 100:
        raise yrse2e.StepFailed(f"the results scrolled by {scrolled} px only")
    tolerance = min(150, scrolled // 2)
    # What she is looking at: a card on screen, below the header.
    cards = [n for n in app.query(pyatspi.ROLE_PANEL, re.compile(r": "))
             if 150 < extents(n).y < 900]
    if not cards:
        raise yrse2e.StepFailed("no card on screen half way down the results")
    card = cards[0]
    title = card.name.split(": ")[0]
    switch("ja", "利用できる制度",
           anchor=(card, re.compile("^" + re.escape(title_ja(title)) + ": "), pyatspi.ROLE_PANEL, tolerance))
    card = app.find(pyatspi.ROLE_PANEL, re.compile("^" + re.escape(title_ja(title)) + ": "))
    switch("en", "What you can use",
           anchor=(card, re.compile("^" + re.escape(title) + ": "), pyatspi.ROLE_PANEL, tolerance))


def title_ja(title_en):
    for en, ja in CATALOGUE_TITLES:
        if en == title_en:
            return ja
    raise yrse2e.StepFailed(f"no Japanese title for {title_en!r}")


CATALOGUE_TITLES = []
with open(os.path.join(os.environ.get("YRS_SOURCE_ROOT", "."), "data", "catalog", "kobe-2025.json"),
          encoding="utf-8") as _f:
    for _p in json.load(_f)["programmes"]:
        CATALOGUE_TITLES.append((_p["title"]["en"], _p["title"]["ja"]))


j.step("the results scrolled half way: to Japanese and back, the cards stay where they were",
       results_scrolled)
j.step("eligible for the first payment: apply", apply_first_payment)


def type_fields(keys, lang):
    for key in keys:
        labels, value = FIELDS[key]
        app.type_into(field_node(labels[lang]), value)


def fields_hold(keys, lang):
    for key in keys:
        labels, value = FIELDS[key]
        # Anywhere on the form: the keypad of the focused field may cover
        # the fields below it.
        node = next(iter(app.query(TEXT, re.compile("^" + re.escape(labels[lang]) + " "), anywhere=True)), None)
        if node is None:
            raise yrse2e.StepFailed(f"no field {labels[lang]}")
        got = yrse2e.text_of(node)
        if got not in (value, SHOWN.get(key)):
            raise yrse2e.StepFailed(f"after the switch, {labels[lang]} holds {got!r}, not {value!r}")


def first_half():
    app.click(CHOICE, "First payment: for the pregnancy")
    type_fields(("name", "kana", "phone"), "en")
    panel = app.find(pyatspi.ROLE_PANEL, re.compile(r"^Date of birth "))
    date_in(("Year", "Month", "Day"), datetime.date(1995, 6, 1), root=panel)


j.step("in English: the first payment, her name, kana, birth date and phone", first_half)


def into_field(label):
    """Scrolls the form down with the finger until the field is on screen
    above the keypad, and taps it: it has the focus."""
    for _ in range(12):
        node = next(iter(app.query(TEXT, re.compile("^" + re.escape(label) + " "), anywhere=True)), None)
        e = extents(node)
        if 150 < e.y < 550:
            break
        scroll_page(40 if e.y >= 550 else -40)
    # The first tap after a drag of the scroll bar is sometimes not taken
    # as a tap on Xvfb: tap again, as she would.
    for attempt in range(3):
        tap(node)
        try:
            yrse2e.wait_for(lambda: node.getState().contains(pyatspi.STATE_FOCUSED),
                            f"{label} to have the focus", timeout=3)
            return node
        except yrse2e.StepFailed:
            if attempt == 2:
                raise
    return node


def switch_mid_form():
    node = into_field("Postal code")
    switch("ja", "妊婦のための支援給付 申請",
           anchor=(node, re.compile("^郵便番号 "), TEXT), keep_focus=re.compile("^郵便番号 "))


j.step("scrolled down to the postal code, in it: switch to Japanese (the header's button)", switch_mid_form)


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


def switch_back_mid_form():
    node = into_field("口座番号")
    switch("en", "Full name", anchor=(node, re.compile("^Account number "), TEXT),
           keep_focus=re.compile("^Account number "))


j.step("in the account number: switch back to English", switch_back_mid_form)


def in_english_with_values():
    app.find(pyatspi.ROLE_LABEL, "Full name")
    fields_hold(tuple(FIELDS), "en")


j.step("the form is in English again and every value is still there", in_english_with_values)
j.step("check the answers", app.click, BUTTON, "Check my answers")


# The review shows the postal code and phone number as people write them
# (the fields keep, and the server gets, the digits), the bank and branch
# by name with their codes.
REVIEWED = {**SHOWN, "postal": "〒650-0001", "phone": "078-351-0000",
            "bank": "みずほ (0001)", "branch": "東京営業部 (001)"}


def review():
    for key in FIELDS:
        app.find(pyatspi.ROLE_LABEL, REVIEWED.get(key, FIELDS[key][1]))


j.step("the review shows every value", review)


def review_switched():
    switch("ja", "入力内容をご確認ください。修正する場合は入力画面に戻ってください。よろしければ送信してください。")
    for key in FIELDS:
        app.find(pyatspi.ROLE_LABEL, REVIEWED.get(key, FIELDS[key][1]))
    switch("en", "Please check what you entered. To change something, go back to the form. "
           "When it is right, send it.")
    review()


j.step("on the review: to Japanese and back, every value still shown", review_switched)
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
