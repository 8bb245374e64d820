#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 8 (issue 21). At a kiosk with no keyboard, in Japanese: a
parent fills in the whole application for the first payment with taps
only, and sends it. Her name, 山﨑　花子, is written on the on-screen
keypad: 山 and 花子 by kana-kanji conversion (the reading tapped in
hiragana, a candidate picked, 確定), 﨑 by handwriting (崎 written on the
pad, then its variant form picked). Her address by conversion too (加納町)
with the number in alphanumerics, フリガナ on the kana keys, every number
on the numeric keypad. The server then holds the application with that
name.

No keyboard event is sent. The keys are AT-SPI "click" actions, as in the
other journeys; a field is focused, and the handwriting drawn, with
pointer events injected through XTest (libXtst through ctypes, as
yrse2e.touch() does): AT-SPI cannot draw, and GTK 4.8 does not implement
Component.GrabFocus. The strokes of 崎 are tests/ime/strokes/5d0e.strokes
(KanjiVG), scaled to the pad."""

import ctypes
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
NAME = "山﨑\u3000花子"
KANA = "ヤマサキ\u3000ハナコ"

j = yrse2e.Journey("kiosk-kanji")
server = j.step("a yorisoi-server with demo data listens on loopback", j.server)
app = j.step("the kiosk starts in Japanese, pointed at the server",
             j.app, settings={"mode": "kiosk", "language": "ja", "server-url": server.url,
                              "sync-interval-seconds": 5},
             device_token=server.kiosk_token)
j.step("she answers the check and opens the application form", yrse2e.kiosk_to_payment_form, app)


# Pointer events through XTest -------------------------------------------

_xtst = None


def xtest():
    global _xtst
    if _xtst is None:
        lib, display = yrse2e._x11_display()
        xtst = ctypes.CDLL("libXtst.so.6")
        xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                              ctypes.c_int, ctypes.c_ulong]
        xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                              ctypes.c_ulong]
        _xtst = (lib, display, xtst)
    return _xtst


def move(x, y):
    lib, display, xtst = xtest()
    xtst.XTestFakeMotionEvent(display, -1, int(x), int(y), 0)
    lib.XFlush(display)


def button(down, number=1):
    lib, display, xtst = xtest()
    xtst.XTestFakeButtonEvent(display, number, 1 if down else 0, 0)
    lib.XFlush(display)


def extents(node):
    # The kiosk's window is full-screen at the screen's origin (no window
    # manager under Xvfb): window coordinates are the screen's.
    return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def tap_node(node):
    e = extents(node)
    move(e.x + e.width // 2, e.y + e.height // 2)
    time.sleep(0.05)
    button(True)
    time.sleep(0.05)
    button(False)
    time.sleep(0.2)


_position = [0.0]
_rate = [None]   # pixels the form moves per unit of slider position


def set_position(fraction):
    """Puts the form's scroll bar at `fraction` with the finger (a tap in
    the trough moves the slider there: GTK's primary-button-warps-slider).
    Wheel events are not used: GTK 4.8 on Xvfb did not scroll on XTest's
    buttons 4 and 5."""
    # The form's is the tallest (the keypad's own scroll panes are short);
    # with a keypad shown the form is only the room above it.
    bars = [n for n in app.query(pyatspi.ROLE_SCROLL_BAR)
            if extents(n).height > 120]
    if not bars:
        raise yrse2e.StepFailed("no scroll bar on the form")
    e = extents(max(bars, key=lambda n: extents(n).height))
    _position[0] = min(1.0, max(0.0, fraction))
    move(e.x + e.width // 2, e.y + 4 + int(_position[0] * (e.height - 8)))
    time.sleep(0.3)  # the overlay scroll bar widens under the finger
    button(True)
    time.sleep(0.05)
    button(False)
    time.sleep(0.4)


def bring_into_view(node):
    """Scrolls until node is between the header bar and the keypad."""
    for _ in range(10):
        e = extents(node)
        low = min(keypad_top(), 780) - 4
        if e.y >= 80 and e.y + e.height <= low:
            return
        want = 90 - e.y  # where it should move by (negative: up)
        if _rate[0]:
            step = -want / _rate[0]
        else:
            step = 0.05 if want < 0 else -0.05
        before, y0 = _position[0], e.y
        set_position(before + step)
        moved = extents(node).y - y0
        if _position[0] != before and moved:
            _rate[0] = abs(moved / (_position[0] - before))


# The form -----------------------------------------------------------------

def text_field(name, root=None):
    pattern = re.compile("^" + re.escape(name) + " ")
    node = next(iter(app.query(pyatspi.ROLE_TEXT, pattern, root=root, anywhere=True)), None)
    if node is None:
        raise yrse2e.StepFailed(f"no field {name}")
    return node


KEYPADS = ("カタカナキー", "数字キー")
_keypad = [None]


def keypad_top():
    """Where the keypad over the bottom of the window begins (the window's
    height when none is shown)."""
    if _keypad[0] is None:
        _keypad[0] = next(iter(app.query(pyatspi.ROLE_PANEL, KEYPADS[0]) +
                               app.query(pyatspi.ROLE_PANEL, KEYPADS[1])), None)
    if _keypad[0] is None:
        return 10000
    try:
        return extents(_keypad[0]).y
    except Exception:
        _keypad[0] = None
        return 10000


def focus(node):
    """Scrolls the field into view between the header bar and the keypad,
    as she would, then taps it."""
    bring_into_view(node)
    e = extents(node)
    bottom = min(e.y + e.height, keypad_top())
    if bottom <= e.y:
        raise yrse2e.StepFailed(f"{node.name} stays under the keypad")
    # Its visible part (the end of a form scrolls no further).
    move(e.x + e.width // 2, (e.y + bottom) // 2)
    time.sleep(0.05)
    button(True)
    time.sleep(0.05)
    button(False)
    time.sleep(0.2)
    _keypad[0] = None
    yrse2e.wait_for(lambda: node.getState().contains(pyatspi.STATE_FOCUSED),
                    f"{node.name} to take the focus")


def focus_button(node):
    """Taps a button with the finger (not its AT-SPI action): it takes
    the focus, so the keypad goes away."""
    bring_into_view(node)
    tap_node(node)
    _keypad[0] = None
    yrse2e.wait_for(lambda: not app.query(pyatspi.ROLE_PANEL, KEYPADS[0]) and
                    not app.query(pyatspi.ROLE_PANEL, KEYPADS[1]), "the keypad to go away")


def current_keypad():
    """The keypad shown now (looked up once per field: walking the whole
    tree for every key is slow)."""
    if _keypad[0] is None:
        _keypad[0] = yrse2e.wait_for(
            lambda: next(iter(app.query(pyatspi.ROLE_PANEL, KEYPADS[0]) +
                              app.query(pyatspi.ROLE_PANEL, KEYPADS[1])), None), "a keypad")
    return _keypad[0]


_last_key = [None, 0.0]


def key(name):
    """A tap on the on-screen key named `name`.

    AT-SPI's "click" on a GtkButton is gtk_widget_activate(): GTK 4.8
    shows the key pressed for 250 ms (ACTIVATE_TIMEOUT in gtkbutton.c),
    emits "clicked" only then, and ignores another activation of the
    same button until it has: "9", "9" 50 ms apart typed one 9. A finger
    cannot tap one key twice that fast either, so the same key is not
    pressed again before its first press has landed."""
    node = app.find(BUTTON, name, root=current_keypad())
    if _last_key[0] == name:
        time.sleep(max(0.0, _last_key[1] + 0.4 - time.monotonic()))
    app.press(node)
    _last_key[0], _last_key[1] = name, time.monotonic()


def keys(names):
    for n in names:
        key(n)


def value_is(node, value):
    yrse2e.wait_for(lambda: yrse2e.text_of(node) == value,
                    f"{value!r} in {node.name} (it holds {yrse2e.text_of(node)!r})")


def candidate(text):
    """Waits for the candidate `text` (the first conversion loads the
    dictionaries) and taps it."""
    node = app.find(BUTTON, text, root=current_keypad(), timeout=60)
    app.press(node)


DONE = "変換した文字を入力欄に確定する"
MODE_KANJI = "漢字：読みをひらがなで入力して漢字に変換します"
MODE_WRITE = "手書き：指で文字を書いて入力します"
MODE_ABC = "英数字：ローマ字と数字で入力します"


def name_by_conversion_and_handwriting():
    field = text_field("氏名")
    focus(field)
    current_keypad()
    app.find(BUTTON, MODE_KANJI, root=current_keypad())
    # 山: the reading in hiragana, then the candidate.
    keys(["や", "ま"])
    candidate("山")
    key(DONE)
    value_is(field, "山")
    # 﨑: written on the pad as 崎; its variant form comes right after it.
    key(MODE_WRITE)
    pad = app.find(None, "手書き欄：指で1文字書いてください")
    e = extents(pad)
    scale = e.width / 300.0
    path = os.path.join(os.environ["YRS_SOURCE_ROOT"], "tests", "ime", "strokes", "5d0e.strokes")
    with open(path, encoding="utf-8") as f:
        strokes = [[tuple(float(v) for v in pair.split(",")) for pair in line.split()]
                   for line in f if line.strip() and not line.startswith("#")]
    for stroke in strokes:
        x0, y0 = stroke[0]
        move(e.x + x0 * scale, e.y + y0 * scale)
        time.sleep(0.02)
        button(True)
        for x, y in stroke[1:]:
            move(e.x + x * scale, e.y + y * scale)
            time.sleep(0.004)
        button(False)
        time.sleep(0.1)
    candidate("﨑")
    value_is(field, "山﨑")
    # The space, then 花子 by conversion.
    key(MODE_KANJI)
    key("空白")
    keys(["は", "な", "こ"])
    candidate("花子")
    key(DONE)
    value_is(field, NAME)


def kana_keys(field_name, text):
    field = text_field(field_name)
    focus(field)
    for ch in text:
        key("空白" if ch == "\u3000" else ch)
    value_is(field, text)


def digits(field, text):
    focus(field)
    for i, ch in enumerate(text):
        key(ch)
        # As her eyes would: the digit is there before the next tap (on a
        # loaded machine GTK's 250 ms press can outlast the 0.4 s gap).
        yrse2e.wait_for(lambda: yrse2e.text_of(field) == text[:i + 1],
                        f"{text[:i + 1]!r} in the field (it holds {yrse2e.text_of(field)!r})")
    value_is(field, text)


def her_details():
    app.click(CHOICE, "妊娠時の給付（1回目）")
    name_by_conversion_and_handwriting()
    kana_keys("フリガナ", KANA)
    panel = app.find(pyatspi.ROLE_PANEL, re.compile("^生年月日 "))
    for label, value in (("年", "1995"), ("月", "6"), ("日", "1")):
        digits(text_field(label, root=panel), value)
    digits(text_field("電話番号"), "0783510000")
    digits(text_field("郵便番号"), "6500001")


j.step("her name by conversion and handwriting, kana, birth date, phone and postcode, by taps",
       her_details)


def address():
    field = text_field("住所")
    focus(field)
    before = yrse2e.text_of(field)
    keys(["か", "の", "う", "ち", "ょ", "う"])
    candidate("加納町")
    key(DONE)
    key(MODE_ABC)
    keys(["6", "ハイフン", "5", "ハイフン", "1"])
    value_is(field, before + "加納町6-5-1")


j.step("her address: 加納町 by conversion, the number in alphanumerics", address)


def choice_button(name):
    """The choice `name`, on screen or not: the keypad of the field
    before it may cover it until she scrolls (focus_button() does)."""
    return yrse2e.wait_for(
        lambda: next(iter(app.query(CHOICE, name, anywhere=True)), None),
        f"choice (radio button) named {name!r}")


def bank():
    # A finger's tap on a choice takes the focus from the field, and the
    # keypad goes away.
    focus_button(choice_button("銀行・信用金庫など"))
    digits(text_field("金融機関コード"), "0001")
    digits(text_field("支店コード"), "001")
    focus_button(choice_button("普通"))
    digits(text_field("口座番号"), "1234567")
    focus_button(choice_button("普通"))
    kana_keys("口座名義（カタカナ）", KANA)


j.step("the bank account, by taps", bank)
j.step("check the answers", app.click, BUTTON, "入力内容を確認する")
j.step("the review shows her name as she wrote it", app.find, pyatspi.ROLE_LABEL, NAME)
j.step("send it", app.click, BUTTON, "送信する")


def receipt():
    app.find(pyatspi.ROLE_STATUS_BAR, "市が受け付けました", timeout=60)
    label = app.find(pyatspi.ROLE_LABEL, re.compile(r"^APP-[2-9A-Z]{4}-[2-9A-Z]{4}$"))
    return label.name


reference = j.step("the receipt shows the city's reference number", receipt)


def server_holds_it():
    rows = server.query("SELECT reference, programme, fields FROM applications")
    if len(rows) != 1:
        raise yrse2e.StepFailed(f"the server holds {len(rows)} applications, not 1: {rows}")
    ref, programme, fields = rows[0]
    fields = json.loads(fields)
    if ref != reference or programme != "support_payment_pregnancy":
        raise yrse2e.StepFailed(f"the server holds {ref} for {programme}")
    for k, value in (("applicant.name", NAME), ("applicant.kana", KANA),
                     ("bank.account_number", "1234567")):
        if fields.get(k) != value:
            raise yrse2e.StepFailed(f"{k} on the server is {fields.get(k)!r}, not {value!r}")
    if "加納町6-5-1" not in fields.get("address.line", ""):
        raise yrse2e.StepFailed(f"the address on the server is {fields.get('address.line')!r}")


j.step("the server holds the application with her name, 山﨑　花子", server_holds_it)
j.finish()
