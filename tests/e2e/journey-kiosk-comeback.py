#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey "coming back to book and cancel" (issue 20, point 8).

At kiosk 1 a mother registers for postpartum care (産後ケア); the demo
server approves a registration after a few seconds (--approve-after); she
finishes, and the kiosk wipes her session. Days later she comes to
another kiosk of the city (kiosk 2: another device, its own device token
and database, which has never seen her). On the welcome page she taps "I
have a reference number", taps her reference on the on-screen keypad and
her date of birth on the number keypad, and sees "Approved". She books a
place with that registration (not asked to register again), goes back to
her reference, and cancels the booking; the server's count of places of
that slot is back where it was. At the end of her visit the kiosk forgets
it all.

The keys are AT-SPI "click" actions, as in the other journeys; the date's
month and day fields are focused with a finger tap injected through XTest
(GTK 4.8 does not implement Component.GrabFocus). No keyboard event is
sent."""

import ctypes
import datetime
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
BIRTH = datetime.date(1994, 4, 12)
PERSON = ("Hanako Yorisoi", "ヨリソイ ハナコ", "078-351-0001")
KEYPADS = ("Katakana keypad", "Number keypad")
IDLE = 40

j = yrse2e.Journey("kiosk-comeback")


def fail(message):
    raise yrse2e.StepFailed(message)


# A finger through XTest ----------------------------------------------------

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


def extents(node):
    return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def finger(x, y):
    lib, display, xt = xtest()
    xt.XTestFakeMotionEvent(display, -1, int(x), int(y), 0)
    lib.XFlush(display)
    time.sleep(0.05)
    xt.XTestFakeButtonEvent(display, 1, 1, 0)
    lib.XFlush(display)
    time.sleep(0.05)
    xt.XTestFakeButtonEvent(display, 1, 0, 0)
    lib.XFlush(display)
    time.sleep(0.2)


def keypad(app):
    return yrse2e.wait_for(
        lambda: next(iter(app.query(pyatspi.ROLE_PANEL, KEYPADS[0]) +
                          app.query(pyatspi.ROLE_PANEL, KEYPADS[1])), None), "a keypad")


def keypad_top(app):
    pads = app.query(pyatspi.ROLE_PANEL, KEYPADS[0]) + app.query(pyatspi.ROLE_PANEL, KEYPADS[1])
    return min([extents(p).y for p in pads] or [10000])


def tap_field(app, node):
    """Taps the field's visible part (above the keypad) with a finger."""
    e = extents(node)
    bottom = min(e.y + e.height, keypad_top(app))
    if bottom <= e.y:
        fail(f"{node.name} is under the keypad")
    finger(e.x + min(e.width // 2, 40), (e.y + bottom) // 2)
    yrse2e.wait_for(lambda: node.getState().contains(pyatspi.STATE_FOCUSED),
                    f"{node.name} to take the focus")


_last = [None, 0.0]


def key(app, pad, name):
    """One key. GTK 4.8 ignores a second activation of the same button
    within 250 ms, as a finger could not tap that fast either."""
    node = app.find(BUTTON, name, root=pad)
    if _last[0] == name:
        time.sleep(max(0.0, _last[1] + 0.4 - time.monotonic()))
    app.press(node)
    _last[0], _last[1] = name, time.monotonic()


def value_is(node, value):
    yrse2e.wait_for(lambda: yrse2e.text_of(node) == value,
                    f"{value!r} in {node.name} (it holds {yrse2e.text_of(node)!r})")


# Kiosk 1: she registers ------------------------------------------------------

# Since the merge of 'a11y' a page is a panel named by its title, in the
# page's language (yrs-shell.c's page table), no longer a filler named by
# its type.
PAGE_TITLES = {
    "YrsApplyPage": ("Application form", "申請フォーム"),
    "YrsReviewPage": ("Check before you send", "送信前の確認"),
    "YrsSubmittedPage": ("Sent", "送信しました"),
    "YrsReservePage": ("Book postpartum care", "産後ケアを予約する"),
    "YrsSlotsPage": ("Choose a day", "日にちを選ぶ"),
    "YrsSlotPage": ("Your booking", "予約内容"),
    "YrsLookupPage": ("I have a reference number", "受付番号をお持ちの方"),
}


def page(app, name):
    """The page shown (found anywhere: the keypad may cover its centre)."""
    titles = PAGE_TITLES[name]

    def shown():
        for title in titles:
            for node in app.query(pyatspi.ROLE_PANEL, title, anywhere=True):
                return node
        return None
    return yrse2e.wait_for(shown, f"the page {name}")


def tap(app, name, root, role=BUTTON):
    button = app.find(role, name, root=root)
    yrse2e.wait_for(lambda: button.getState().contains(pyatspi.STATE_SENSITIVE),
                    f"{button.name!r} to become sensitive")
    app.press(button)
    return button


def field(app, label, value, root):
    app.type_into(app.find(pyatspi.ROLE_TEXT, re.compile("^" + re.escape(label) + " "), root=root), value)


def date_in(app, panel_name, date, root):
    panel = app.find(pyatspi.ROLE_PANEL, re.compile("^" + re.escape(panel_name) + " "), root=root)
    for label, value in (("Year", date.year), ("Month", date.month), ("Day", date.day)):
        field(app, label, str(value), root=panel)


def start_kiosk(name, token):
    app = yrse2e.App(j, settings={"mode": "kiosk", "language": "en", "server-url": server.url,
                                  "sync-interval-seconds": 5, "idle-timeout-seconds": IDLE},
                     args=["--language", "en"], name=name, device_token=token)
    j.apps.append(app)
    app.start()
    app.find(pyatspi.ROLE_LABEL, "Welcome")
    return app


def register():
    name, kana, phone = PERSON
    k1.click(BUTTON, "Book postpartum care")
    booking = page(k1, "YrsReservePage")
    k1.find(pyatspi.ROLE_LABEL, "First, register once", root=booking)
    tap(k1, "Register for postpartum care", booking)
    form = page(k1, "YrsApplyPage")
    field(k1, "Full name", name, form)
    field(k1, "Full name in katakana (フリガナ)", kana, form)
    date_in(k1, "Date of birth", BIRTH, form)
    field(k1, "Phone number", phone, form)
    field(k1, "Postal code", "650-0001", form)
    field(k1, "Street address", "6-5-1 Kano-cho, Chuo-ku, Kobe", form)
    date_in(k1, "Date of birth, or the due date", datetime.date.today() - datetime.timedelta(days=40), form)
    tap(k1, "Check my answers", form)
    tap(k1, "Send", page(k1, "YrsReviewPage"))
    receipt = page(k1, "YrsSubmittedPage")
    k1.find(pyatspi.ROLE_STATUS_BAR, "Received by the city", root=receipt, timeout=90)
    return k1.find(pyatspi.ROLE_LABEL, re.compile(r"^REG-[2-9A-Z]{4}-[2-9A-Z]{4}$"), root=receipt).name


def approved():
    def done():
        rows = server.query("SELECT approve_unix, birth_on FROM registrations WHERE reference = ?", reference)
        return rows and rows[0][0] is not None and rows[0][0] <= time.time() and rows[0]
    row = yrse2e.wait_for(done, "the city to approve the registration", timeout=60)
    if row[1] != BIRTH.isoformat():
        fail(f"the server keeps the birth date {row[1]!r}")


def finish_visit():
    tap(k1, "Finish", page(k1, "YrsSubmittedPage"))
    k1.find(pyatspi.ROLE_LABEL, "Welcome")
    k1.stop()


def new_device():
    out = subprocess.run([os.path.join(j.build_root, "src", "server", "yorisoi-server"), "admin",
                          "--db", server.db, "add-device", "kiosk-comeback-2"],
                         capture_output=True, text=True, check=True)
    token = out.stdout.strip().split()[-1]
    if len(token) < 20:
        fail(f"no device token in {out.stdout!r}")
    return token


# Kiosk 2: she comes back --------------------------------------------------------

def to_lookup():
    k2.click(BUTTON, "I have a reference number")
    lookup = page(k2, "YrsLookupPage")
    k2.find(pyatspi.ROLE_HEADING, "I have a reference number", root=lookup)
    return lookup


def reference_entry(root):
    return yrse2e.wait_for(
        lambda: next(iter(k2.query(pyatspi.ROLE_TEXT, re.compile("^Reference number"), root=root,
                                   anywhere=True)), None), "the reference field")


def taps_reference():
    entry = reference_entry(lookup)
    yrse2e.wait_for(lambda: entry.getState().contains(pyatspi.STATE_FOCUSED),
                    "the reference field to have the focus")
    pad = k2.find(pyatspi.ROLE_PANEL, KEYPADS[0])
    for c in reference:
        key(k2, pad, "Hyphen" if c == "-" else c)
    value_is(entry, reference)


def taps_birth_date():
    """A complete reference moves her on to the year, with the number
    keypad; each complete part to the next, the day to "Look up"."""
    for label, value in (("Year", BIRTH.year), ("Month", BIRTH.month), ("Day", BIRTH.day)):
        node = yrse2e.wait_for(
            lambda: next(iter(k2.query(pyatspi.ROLE_TEXT, re.compile("^" + label), root=lookup,
                                       anywhere=True)), None), f"the {label} field")
        yrse2e.wait_for(lambda: node.getState().contains(pyatspi.STATE_FOCUSED),
                        f"the {label} field to have the focus")
        pad = k2.find(pyatspi.ROLE_PANEL, KEYPADS[1])
        for c in f"{value:02d}" if label != "Year" else str(value):
            key(k2, pad, c)
        value_is(node, f"{value:02d}" if label != "Year" else str(value))
    # The keypad goes away with the focus on the button.
    yrse2e.wait_for(lambda: not k2.query(pyatspi.ROLE_PANEL, KEYPADS[1]), "the keypad to go away")


def sees_approved():
    tap(k2, "Look up", lookup)
    k2.find(pyatspi.ROLE_HEADING, "Approved", root=lookup, timeout=30)
    k2.find(pyatspi.ROLE_LABEL, "Registration for postpartum care", root=lookup)
    k2.find(pyatspi.ROLE_LABEL, f"Reference number: {reference}", root=lookup)


def books():
    tap(k2, "Book postpartum care", lookup)
    booking = page(k2, "YrsReservePage")
    # Her registration from the lookup: not asked to register again.
    k2.find(pyatspi.ROLE_LABEL, "You are registered", root=booking)
    if k2.query(BUTTON, "Register for postpartum care", root=booking):
        fail("kiosk 2 asks her to register again")
    yrse2e.wait_for(lambda: server.query("SELECT 1 FROM slots") and
                    k2.query(BUTTON, re.compile(r"\. "), root=booking), "the facilities", timeout=60)
    tap(k2, re.compile(r"^Minato Midwife Home \(sample\)\. "), booking)
    days = page(k2, "YrsSlotsPage")
    tap(k2, re.compile(r"^\d{1,2} \w+ \d{4}: \d+ places? free$"), days)
    tap(k2, re.compile(r"^\d\d:\d\d.*: \d+ places? free$"), days)
    place = page(k2, "YrsSlotPage")
    tap(k2, "No, we are both well", place, pyatspi.ROLE_RADIO_BUTTON)  # a choice (a11y)
    tap(k2, "Book this place", place)
    receipt = page(k2, "YrsSubmittedPage")
    k2.find(pyatspi.ROLE_STATUS_BAR, "Booked: the city has received it", root=receipt, timeout=90)
    rsv = k2.find(pyatspi.ROLE_LABEL, re.compile(r"^RSV-[2-9A-Z]{4}-[2-9A-Z]{4}$"), root=receipt).name
    rows = server.query("SELECT v.slot, v.status, g.reference, s.booked FROM reservations v "
                        "JOIN registrations g ON g.id = v.registration JOIN slots s ON s.id = v.slot "
                        "WHERE v.reference = ?", rsv)
    if not rows or rows[0][1] != "confirmed" or rows[0][2] != reference:
        fail(f"the server holds {rows} for {rsv}")
    return rsv, rows[0][0], rows[0][3]


def back_to_reference():
    # The receipt, the place, the days, the facilities: back to her reference.
    for _ in range(4):
        k2.click(BUTTON, "Back")
    k2.find(pyatspi.ROLE_HEADING, "Your bookings", root=page(k2, "YrsLookupPage"), timeout=30)
    k2.find(BUTTON, "Cancel this booking", root=lookup)


def cancels():
    tap(k2, "Cancel this booking", lookup)
    # Asked first, on the page: keeping it changes nothing.
    k2.find(pyatspi.ROLE_ALERT, re.compile(r"^Cancel Minato Midwife Home \(sample\): Stay, "), root=lookup)
    tap(k2, "Keep the booking", lookup)
    k2.wait_gone(BUTTON, "Keep the booking")
    if server.query("SELECT status FROM reservations WHERE reference = ?", rsv)[0][0] != "confirmed":
        fail("keeping the booking cancelled it")
    tap(k2, "Cancel this booking", lookup)
    tap(k2, "Cancel the booking", lookup)
    k2.find(pyatspi.ROLE_ALERT, f"Booking {rsv} is cancelled. Its place is free for someone else.",
            root=lookup, timeout=30)
    k2.find(pyatspi.ROLE_LABEL, "Cancelled", root=lookup, timeout=30)
    status, booked = server.query("SELECT v.status, s.booked FROM reservations v JOIN slots s "
                                  "ON s.id = v.slot WHERE v.reference = ?", rsv)[0]
    if status != "cancelled" or booked != booked_with - 1:
        fail(f"after the cancel the booking is {status} and the slot has {booked} booked "
             f"(it had {booked_with} with hers)")
    wrong = server.query("SELECT s.id, s.booked, COUNT(r.id) FROM slots s LEFT JOIN reservations r "
                         "ON r.slot = s.id AND r.status = 'confirmed' "
                         "GROUP BY s.id HAVING s.booked <> COUNT(r.id)")
    if wrong:
        fail(f"slots whose count is not their bookings: {wrong}")


def forgotten():
    """She walks away: the idle timeout, the countdown, the wipe. Nothing
    of her lookup is left for the next person."""
    j.touching = False
    k2.find(pyatspi.ROLE_LABEL, "Are you still there?", timeout=IDLE + 30)
    k2.find(pyatspi.ROLE_LABEL, "Welcome", timeout=90)
    k2.wait_gone(pyatspi.ROLE_LABEL, "Are you still there?")
    j.touching = True
    left = [t for t in k2.all_text() if reference in t or rsv in t or "Approved" == t]
    if left:
        fail(f"still in the accessible tree after the wipe: {left}")
    k2.click(BUTTON, "I have a reference number")
    lookup_again = page(k2, "YrsLookupPage")
    entry = reference_entry(lookup_again)
    if yrse2e.text_of(entry):
        fail(f"the next person sees {yrse2e.text_of(entry)!r}")
    if k2.query(pyatspi.ROLE_HEADING, "Approved", root=lookup_again):
        fail("the next person sees her state")


def nothing_in_the_log():
    with open(server.log_path, encoding="utf-8", errors="replace") as f:
        log = f.read()
    if "POST /v1/lookups 200" not in log:
        fail("the lookups are not in the server's request log")
    for secret in (reference, rsv, BIRTH.isoformat()):
        if secret in log:
            fail(f"{secret} is in the server's log")


server = j.step("a yorisoi-server with demo data listens on loopback (approves after a few seconds)",
                j.server)
k1 = j.step("kiosk 1 starts, in English", start_kiosk, "kiosk1", server.kiosk_token)
reference = j.step("kiosk 1: she registers for postpartum care; the receipt has her reference", register)
j.step("the city approves her registration (demo --approve-after)", approved)
j.step("kiosk 1: she finishes; the session ends", finish_visit)
token2 = j.step("the city sets up kiosk 2, another device", new_device)
k2 = j.step("kiosk 2 starts, in English: it has never seen her", start_kiosk, "kiosk2", token2)
lookup = j.step("kiosk 2: she taps “I have a reference number”", to_lookup)
j.step("she taps her reference on the keypad", taps_reference)
j.step("she taps her date of birth on the number keypad", taps_birth_date)
j.step("she looks it up: her registration is approved", sees_approved)
rsv, slot, booked_with = j.step("she books a place with that registration", books)
j.step("back to her reference: the booking is listed", back_to_reference)
j.step("she cancels it: the server frees the place", cancels)
j.step("the server's log has no reference and no date of birth", nothing_in_the_log)
j.step("she walks away; the kiosk wipes the session and forgets her reference", forgotten)
j.finish()
