#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 4. Two kiosks on one desktop session (one X display, one D-Bus
session bus, as in a ward office with two screens on one machine) reserve
the last place of a postpartum-care slot. Kiosk 2 runs under its own
application ID (--gapplication-app-id), so it is a second instance and
not a window of the first, and it keeps its own device database.

The city adds a stay with one place through its staff API; two mothers
register at the two kiosks (the demo server approves a registration after
5 s) and both open that slot while it shows "1 place free". Kiosk 1 books
it; kiosk 2, whose cache still showed the place, tries and gets the
conflict page with the free places nearby; she books one of them. The
server then holds the one place booked by kiosk 1, kiosk 2's booking on
the place she chose, and nothing else: nothing booked silently or twice."""

import ctypes
import datetime
import json
import os
import re
import sqlite3
import subprocess
import sys
import urllib.request
import uuid

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrse2e  # noqa: E402
from yrse2e import pyatspi  # noqa: E402

BUTTON = pyatspi.ROLE_PUSH_BUTTON
KIOSK2_ID = "org.yorisoi.Yorisoi.Kiosk2"
FACILITY = "fac-chuo-josanjo-1"
FACILITY_NAME = "Minato Midwife Home (sample)"
JST = datetime.timezone(datetime.timedelta(hours=9))
# A week ahead: inside the kiosk's four-week calendar, after the demo's
# first day of slots (tomorrow).
DAY = datetime.datetime.now(JST).date() + datetime.timedelta(days=7)
# The demo's own stay at this facility that day (10:00, 2 places): the
# nearest free place once the one-place slot is gone.
DEMO_SLOT = f"slot-{FACILITY}-stay-{DAY:%Y%m%d}"
PEOPLE = {
    "kiosk1": ("Hanako Yorisoi", "ヨリソイ ハナコ", "078-351-0001"),
    "kiosk2": ("Sakura Minato", "ミナト サクラ", "078-351-0002"),
}

j = yrse2e.Journey("two-kiosks")


def fail(message):
    raise yrse2e.StepFailed(message)


# The city's side, through its real HTTP API ----------------------------

def api(method, path, body=None, token=None):
    request = urllib.request.Request(server.url.rstrip("/") + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    request.add_header("Idempotency-Key", str(uuid.uuid4()))
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=yrse2e.DEFAULT_TIMEOUT) as response:
        data = response.read()
    return json.loads(data) if data else None


def add_one_place():
    session = api("POST", "/v1/staff/sessions",
                  {"staff_id": server.staff_id, "password": server.staff_password})
    starts = datetime.datetime.combine(DAY, datetime.time(13, 0), JST)
    slot = api("POST", "/v1/slots",
               {"facility": FACILITY, "kind": "stay", "capacity": 1,
                "starts_at": starts.isoformat(),
                "ends_at": (starts + datetime.timedelta(days=1)).isoformat()},
               token=session["token"])
    api("DELETE", "/v1/staff/sessions/current", token=session["token"])
    if slot.get("capacity") != 1 or slot.get("booked") != 0:
        fail(f"the server made {slot}")
    return slot["id"]


# Two instances on one session ------------------------------------------

_x11 = None


def raise_window(kiosk):
    """Puts the kiosk's window on top (there is no window manager under
    Xvfb and both windows sit at the top left), so that the step's
    screenshot shows that kiosk. GTK sets _NET_WM_PID on its windows."""
    global _x11
    try:
        if _x11 is None:
            lib, display = yrse2e._x11_display()
            lib.XInternAtom.restype = ctypes.c_ulong
            lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
            lib.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_void_p] * 4
            lib.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong,
                                               ctypes.c_long, ctypes.c_long, ctypes.c_int,
                                               ctypes.c_ulong] + [ctypes.c_void_p] * 5
            lib.XRaiseWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
            lib.XFree.argtypes = [ctypes.c_void_p]
            _x11 = (lib, display, lib.XInternAtom(display, b"_NET_WM_PID", 0))
        lib, display, atom = _x11
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children, n = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        if not lib.XQueryTree(display, lib.XDefaultRootWindow(display), ctypes.byref(root),
                              ctypes.byref(parent), ctypes.byref(children), ctypes.byref(n)):
            return
        try:
            for i in range(n.value):
                kind, fmt = ctypes.c_ulong(), ctypes.c_int()
                count, after = ctypes.c_ulong(), ctypes.c_ulong()
                data = ctypes.POINTER(ctypes.c_ulong)()
                if lib.XGetWindowProperty(display, children[i], atom, 0, 1, 0, 6,  # XA_CARDINAL
                                          ctypes.byref(kind), ctypes.byref(fmt), ctypes.byref(count),
                                          ctypes.byref(after), ctypes.byref(data)) != 0 or not data:
                    continue
                pid = data[0] if count.value == 1 else None
                lib.XFree(data)
                if pid == kiosk.proc.pid:
                    lib.XRaiseWindow(display, children[i])
            lib.XFlush(display)
        finally:
            if children:
                lib.XFree(children)
    except (OSError, AttributeError):
        pass


def on(kiosk, fn, *args, **kwargs):
    """Runs fn for this kiosk and brings its window up for the picture."""
    result = fn(*args, **kwargs)
    raise_window(kiosk)
    return result


def start_kiosk(name, app_id=None, share_with=None):
    args = ["--language", "en"]
    if app_id is not None:
        args.append(f"--gapplication-app-id={app_id}")
    kiosk = yrse2e.App(j, settings={"mode": "kiosk", "language": "en", "server-url": server.url,
                                    "sync-interval-seconds": 5},
                       args=args, name=name, device_token=server.kiosk_token)
    if share_with is not None:
        # The same user, the same settings, device token and data
        # directory: only the application ID tells the two apart.
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            kiosk.env[var] = share_with.env[var]
    j.apps.append(kiosk)
    kiosk.start()
    kiosk.find(pyatspi.ROLE_LABEL, "Welcome")
    raise_window(kiosk)
    return kiosk


def frames(kiosk):
    children = (kiosk.root.getChildAtIndex(i) for i in range(kiosk.root.childCount))
    return [n for n in children if n is not None and n.getRole() == pyatspi.ROLE_FRAME]


def single_instance_by_default():
    """Started again without an ID of its own, the app hands over to the
    running kiosk 1 (which presents its window) and exits: still one
    instance per application ID."""
    binary = os.path.join(j.build_root, "src", "yorisoi")
    log_path = os.path.join(j.artifacts, "third-start.log")
    with open(log_path, "w", encoding="utf-8") as log:
        third = subprocess.run([binary], env=k1.env, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, timeout=yrse2e.DEFAULT_TIMEOUT * 2)
    if third.returncode != 0:
        fail(f"the second start of the default instance exited {third.returncode}; see {log_path}")
    if len(frames(k1)) != 1 or len(frames(k2)) != 1:
        fail(f"kiosk 1 has {len(frames(k1))} windows, kiosk 2 {len(frames(k2))}")
    desktop = pyatspi.Registry.getDesktop(0)
    ours = {k1.proc.pid, k2.proc.pid}
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        try:
            pid = a.get_process_id() if a is not None else None
        except Exception:
            continue
        if a.name in ("yorisoi", "Yorisoi") and pid not in ours:
            fail(f"another Yorisoi (pid {pid}) is in the accessibility tree")


def database(kiosk, *parts):
    return os.path.join(kiosk.env["XDG_DATA_HOME"], "yorisoi", *parts)


def own_databases():
    one, two = database(k1, "yorisoi.db"), database(k2, KIOSK2_ID, "yorisoi.db")
    yrse2e.wait_for(lambda: os.path.exists(one) and os.path.exists(two),
                    f"the two kiosks' databases {one} and {two}")


def kiosk_has_slot(kiosk, path, slot):
    """Whether the kiosk's own database (read-only) has the slot yet: its
    sync engine fetches the slots every 5 s."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            return db.execute("SELECT 1 FROM slots WHERE id = ?", (slot,)).fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return False


# What a mother does at a kiosk ------------------------------------------

def page(kiosk, name):
    """Where to look for things on the page on screen: the whole window
    (its hidden pages are not on screen, so a walk does not see them).
    GTK 4.8 named a page by its type ("YrsReservePage") only while it
    had no name of its own; the shell now names pages by their titles
    for a screen reader, and the name says nothing the walk needs."""
    return None


def tap(kiosk, name, root):
    """Presses the button in root once it can be pressed."""
    # A push button, or a choice (a radio button since issue 24).
    button = yrse2e.wait_for(
        lambda: next((n for n in kiosk.query(None, name, root=root)
                      if n.getRole() in (BUTTON, pyatspi.ROLE_RADIO_BUTTON)), None),
        f"a button named {name!r}")
    yrse2e.wait_for(lambda: button.getState().contains(pyatspi.STATE_SENSITIVE),
                    f"{button.name!r} to become sensitive")
    kiosk.press(button)
    return button


def field(kiosk, label, value, root):
    kiosk.type_into(kiosk.find(pyatspi.ROLE_TEXT, re.compile("^" + re.escape(label) + " "), root=root),
                    value)


def date_in(kiosk, panel_name, date, root):
    panel = kiosk.find(pyatspi.ROLE_PANEL, re.compile("^" + re.escape(panel_name) + " "), root=root)
    for label, value in (("Year", date.year), ("Month", date.month), ("Day", date.day)):
        field(kiosk, label, str(value), root=panel)


def register(kiosk):
    name, kana, phone = PEOPLE[kiosk.name]
    kiosk.click(BUTTON, "Book postpartum care")
    booking = page(kiosk, "YrsReservePage")
    kiosk.find(pyatspi.ROLE_LABEL, "First, register once", root=booking)
    tap(kiosk, "Register for postpartum care", booking)
    form = page(kiosk, "YrsApplyPage")
    kiosk.find(pyatspi.ROLE_LABEL, "Registration for postpartum care", root=form)
    field(kiosk, "Full name", name, form)
    field(kiosk, "Full name in katakana (フリガナ)", kana, form)
    date_in(kiosk, "Date of birth", datetime.date(1994, 4, 12), form)
    field(kiosk, "Phone number", phone, form)
    field(kiosk, "Postal code", "650-0001", form)
    field(kiosk, "Street address", "6-5-1 Kano-cho, Chuo-ku, Kobe", form)
    date_in(kiosk, "Date of birth, or the due date", datetime.date.today() - datetime.timedelta(days=40), form)
    tap(kiosk, "Check my answers", form)
    review = page(kiosk, "YrsReviewPage")
    kiosk.find(pyatspi.ROLE_LABEL, name, root=review)
    tap(kiosk, "Send", review)


def registered(kiosk):
    receipt = page(kiosk, "YrsSubmittedPage")
    kiosk.find(pyatspi.ROLE_STATUS_BAR, "Received by the city", root=receipt, timeout=90)
    return kiosk.find(pyatspi.ROLE_LABEL, re.compile(r"^REG-[2-9A-Z]{4}-[2-9A-Z]{4}$"), root=receipt).name


def back_to_booking(kiosk):
    """Back from the receipt, past the review and the form, to the
    booking page, which now knows her registration."""
    for _ in range(3):
        kiosk.click(BUTTON, "Back")
    kiosk.find(pyatspi.ROLE_LABEL, "You are registered", root=page(kiosk, "YrsReservePage"))


def open_last_place(kiosk, path):
    yrse2e.wait_for(lambda: kiosk_has_slot(kiosk, path, one_place),
                    f"{kiosk.name} to have the new slot", timeout=60)
    booking = page(kiosk, "YrsReservePage")
    tap(kiosk, re.compile("^" + re.escape(FACILITY_NAME) + r"\. "), booking)
    days = page(kiosk, "YrsSlotsPage")
    kiosk.find(pyatspi.ROLE_LABEL, FACILITY_NAME + ": Stay", root=days)
    # The day of the new slot is the only one with 3 places at this
    # facility (the demo's 2 and the new 1).
    tap(kiosk, re.compile(r": 3 places free$"), days)
    return kiosk.find(BUTTON, re.compile(r"^13:00.*: 1 place free$"), root=days).name


def ready_to_book(kiosk):
    tap(kiosk, re.compile(r"^13:00.*: 1 place free$"), page(kiosk, "YrsSlotsPage"))
    place = page(kiosk, "YrsSlotPage")
    kiosk.find(pyatspi.ROLE_LABEL, "Your booking", root=place)
    tap(kiosk, "No, we are both well", place)
    button = kiosk.find(BUTTON, "Book this place", root=place)
    yrse2e.wait_for(lambda: button.getState().contains(pyatspi.STATE_SENSITIVE),
                    "Book this place to become sensitive")


def book(kiosk):
    tap(kiosk, "Book this place", page(kiosk, "YrsSlotPage"))


def booked(kiosk, hour):
    receipt = page(kiosk, "YrsSubmittedPage")
    kiosk.find(pyatspi.ROLE_STATUS_BAR, "Booked: the city has received it", root=receipt, timeout=90)
    # The receipt says which place she booked.
    kiosk.find(pyatspi.ROLE_LABEL, re.compile("^" + re.escape(f"{FACILITY_NAME}\n{DAY.day} {DAY:%B} {DAY.year} {hour}–")),
               root=receipt)
    return kiosk.find(pyatspi.ROLE_LABEL, re.compile(r"^RSV-[2-9A-Z]{4}-[2-9A-Z]{4}$"), root=receipt).name


# The journey --------------------------------------------------------------

server = j.step("a yorisoi-server with demo data listens on loopback", j.server)
one_place = j.step(f"a staff member adds a stay with one place on {DAY} at {FACILITY}", add_one_place)
k1 = j.step("kiosk 1 starts, in English", start_kiosk, "kiosk1")
k2 = j.step(f"kiosk 2 starts on the same session as {KIOSK2_ID}, same user and directories",
            start_kiosk, "kiosk2", KIOSK2_ID, k1)
j.step("a plain second start activates kiosk 1 and exits: one instance per ID", single_instance_by_default)
j.step("each kiosk keeps its own database", own_databases)
db1, db2 = database(k1, "yorisoi.db"), database(k2, KIOSK2_ID, "yorisoi.db")

j.step("kiosk 1: Hanako registers for postpartum care", on, k1, register, k1)
j.step("kiosk 2: Sakura registers for postpartum care", on, k2, register, k2)
reg1 = j.step("kiosk 1: the city has her registration", on, k1, registered, k1)
reg2 = j.step("kiosk 2: the city has her registration", on, k2, registered, k2)
j.step("kiosk 1: back to booking, registered", on, k1, back_to_booking, k1)
j.step("kiosk 2: back to booking, registered", on, k2, back_to_booking, k2)
when1 = j.step("kiosk 1: the facility's stays; that day 13:00 has 1 place free", on, k1, open_last_place, k1, db1)
when2 = j.step("kiosk 2: the same, 1 place free", on, k2, open_last_place, k2, db2)
if when1 != when2:
    j.step("both kiosks show the same place", fail, f"{when1!r} and {when2!r}")
j.step("kiosk 1: she takes it, is well today, and can book", on, k1, ready_to_book, k1)
j.step("kiosk 2: she takes the same place, and can book", on, k2, ready_to_book, k2)
j.step("kiosk 1 books the last place", on, k1, book, k1)
rsv1 = j.step("kiosk 1: booked, the place and the city's reference", on, k1, booked, k1, "13:00")
j.step("kiosk 2 books the same place (her screen still shows it free)",
       on, k2, book, k2)


def conflict():
    receipt = page(k2, "YrsSubmittedPage")
    k2.find(pyatspi.ROLE_STATUS_BAR, "That place has just been taken", root=receipt, timeout=90)
    k2.find(pyatspi.ROLE_LABEL, "Nothing was booked twice and nothing was changed without you.", root=receipt)
    # A list of places (a GtkListView bound to the receipt's alternatives).
    panel = k2.find(pyatspi.ROLE_LIST, "Other free places", root=receipt)
    choices = yrse2e.wait_for(
        lambda: [n for n in k2.query(BUTTON, root=panel) if re.search(r"\(\d+ places? free\)$", n.name or "")],
        "the other free places")
    if any("13:00–" in n.name for n in choices):
        fail(f"the full place is offered again: {[n.name for n in choices]}")
    # Places at several facilities at the same hour: each names its own.
    if any("\n" not in n.name for n in choices):
        fail(f"an alternative does not name its facility: {[n.name for n in choices]}")
    return [n.name for n in choices]


alternatives = j.step("kiosk 2: the conflict page, with other free places", on, k2, conflict)
print("# alternatives: " + " | ".join(a.replace("\n", ": ") for a in alternatives), flush=True)


def nothing_booked_yet():
    mine = server.query("SELECT r.slot FROM reservations r JOIN registrations g "
                        "ON g.id = r.registration WHERE g.reference = ?", reg2)
    if mine:
        fail(f"kiosk 2 has a booking before she chose one: {mine}")


j.step("nothing is booked for kiosk 2 until she chooses", nothing_booked_yet)


def choose_nearest():
    # The demo's stay at the same facility, the same day, 10:00.
    day = f"{DAY.day} {DAY:%B} {DAY.year}"
    wanted = re.compile("^" + re.escape(f"{FACILITY_NAME}\n{day} 10:00–") + r".*\(2 places free\)$")
    tap(k2, wanted, page(k2, "YrsSubmittedPage"))


j.step("kiosk 2 chooses the same facility's 10:00 stay that day", on, k2, choose_nearest)
rsv2 = j.step("kiosk 2: booked, the place she chose and the city's reference", on, k2, booked, k2, "10:00")


def server_holds_exactly_that():
    regs = dict(server.query("SELECT reference, id FROM registrations"))
    if set(regs) != {reg1, reg2}:
        fail(f"the server holds the registrations {sorted(regs)}, not {reg1} and {reg2}")
    rows = server.query("SELECT reference, registration, slot, status FROM reservations")
    expected = {(rsv1, regs[reg1], one_place, "confirmed"),
                (rsv2, regs[reg2], DEMO_SLOT, "confirmed")}
    if set(rows) != expected or len(rows) != 2:
        fail(f"the server holds the reservations {rows}, not {sorted(expected)}")
    capacity, taken = server.query("SELECT capacity, booked FROM slots WHERE id = ?", one_place)[0]
    if (capacity, taken) != (1, 1):
        fail(f"the one-place slot has {taken} of {capacity} booked")
    # Every slot's count matches its confirmed reservations: nothing was
    # counted without a booking, nor booked without being counted.
    wrong = server.query("SELECT s.id, s.booked, COUNT(r.id) FROM slots s LEFT JOIN reservations r "
                         "ON r.slot = s.id AND r.status = 'confirmed' "
                         "GROUP BY s.id HAVING s.booked <> COUNT(r.id)")
    if wrong:
        fail(f"slots whose count is not their bookings: {wrong}")


j.step("the server: the full slot has its one booking (kiosk 1), kiosk 2 the place she chose, "
       "nothing else", server_holds_exactly_that)
j.finish()
