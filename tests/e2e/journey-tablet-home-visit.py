#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The nurse's home visit and the supervisor's queue (issue 17, Tests).

A mother has applied for the support payment after the birth at a kiosk
(POST /v1/applications with the kiosk's token): the city holds it
"waiting for the consultation", with a case in her ward (中央区). A nurse
of that ward signs in on a tablet (in Japanese), which downloads the
families waiting for her. The server goes away. Offline, she records the
consultation after the birth (自宅, 母親, こころの健康) and the mother's EPDS
of 12 with item 10 at 1: the urgent prompt must be acknowledged before the
scores can be saved; the support panel offers 産後ケア with the
registration one tap away, counselling and the prefecture's service; she
opens the 産後ケア registration from the panel and sends it (queued). The
server comes back: it holds the consultation, the screening and the
registration exactly once, and the mother's application reads
"ready to pay". A supervisor of the ward signs in on a second tablet (a
second instance, as in the two-kiosk journey), approves the registration
from her queue, and the mother's registration is then approved: she can
book. Everything is done by tapping (AT-SPI actions) and typing through
EditableText, as the other tablet journeys do."""

import ctypes
import datetime
import json
import os
import re
import socket
import time
import subprocess
import sys
import urllib.request
import uuid

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yrse2e  # noqa: E402
from yrse2e import pyatspi  # noqa: E402

BUTTON = pyatspi.ROLE_PUSH_BUTTON
CHOICE = pyatspi.ROLE_RADIO_BUTTON
CHECK = pyatspi.ROLE_CHECK_BOX
LABEL = pyatspi.ROLE_LABEL
HEADING = pyatspi.ROLE_HEADING
TEXT = pyatspi.ROLE_TEXT
MENU_ITEM = pyatspi.ROLE_MENU_ITEM
NAME = "寄添 花子"
KANA = "ヨリソイ ハナコ"
CHILD = "寄添 陽葵"
MOTHER_BORN = datetime.date(1994, 4, 15)
BORN = datetime.date.today() - datetime.timedelta(days=20)
PASSWORD = "correct horse battery staple"
SCORES = [2, 1, 2, 1, 1, 1, 1, 1, 1, 1]   # 12, item 10 at 1

# With YRS_VISIT_SHOTS=DIR (and the X screen at 1280x800), the pictures
# of the README (data/screenshots/visit-*-{ja,en}-1280x800.png) are taken
# on the way: each page in Japanese, then in English, then back.
SHOTS = os.environ.get("YRS_VISIT_SHOTS")
# The size in the pictures' names: the X screen's (YRS_VISIT_SHOTS_SIZE).
SHOTS_SIZE = os.environ.get("YRS_VISIT_SHOTS_SIZE", "1280x800")
LANGUAGES = {"ja": "日本語 (Japanese)", "en": "English (英語)"}

j = yrse2e.Journey("tablet-home-visit")

# The demo server approves registrations by itself after 5 s
# (--approve-after, for the demo only): here the supervisor decides.
server = j.step("a yorisoi-server with demo data (no approval timer) listens on loopback",
                j.server, extra=("--approve-after", "-1"))


def admin(*args, stdin=None):
    binary = os.path.join(j.build_root, "src", "server", "yorisoi-server")
    subprocess.run([binary, "admin", "--db", server.db, *args], input=stdin, text=True,
                   check=True, capture_output=True)


def http(method, path, body=None, token=None):
    request = urllib.request.Request(server.url.rstrip("/") + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if method == "POST" and not path.startswith("/v1/lookups"):
        request.add_header("Idempotency-Key", "e2e-" + uuid.uuid4().hex)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read() or b"null")


def staff():
    admin("add-staff", "nurse-chuo", "--role", "nurse", "--ward", "chuo", stdin=PASSWORD + "\n")
    admin("add-staff", "sup-chuo", "--role", "supervisor", "--ward", "chuo", stdin=PASSWORD + "\n")


j.step("a nurse and a supervisor of 中央区", staff)


def mother_applies():
    body = {"programme": "support_payment_birth",
            "fields": {"applicant.name": NAME, "applicant.kana": KANA,
                       "applicant.birth_date": MOTHER_BORN.isoformat(), "applicant.phone": "09012345678",
                       "address.postal_code": "650-0001", "address.line": "加納町6-5-1",
                       "child.birth_date": BORN.isoformat()}}
    answer = http("POST", "/v1/applications", body, server.kiosk_token)
    state = http("GET", "/v1/submissions/" + answer["reference"], token=server.kiosk_token)["status"]
    if state != "waiting_for_consultation":
        raise yrse2e.StepFailed(f"the application is {state!r}")
    return answer["reference"]


application_ref = j.step("the mother's support payment after the birth, from a kiosk: waiting for the consultation",
                         mother_applies)
print(f"# her application: {application_ref}", flush=True)

app = j.step("the nurse's tablet starts in Japanese, pointed at the server",
             j.app, settings={"mode": "tablet", "language": "ja", "server-url": server.url,
                              "sync-interval-seconds": 5, "idle-timeout-seconds": 3600},
             args=("--window-size", SHOTS_SIZE) if SHOTS else ())


def sign_in(tablet, staff_id):
    tablet.find(pyatspi.ROLE_HEADING, "職員ログイン")
    tablet.type_into(tablet.find(TEXT, "職員ID"), staff_id)
    tablet.type_into(tablet.find(TEXT, "パスワード"), PASSWORD)
    tablet.click(BUTTON, "ログイン")
    tablet.find(LABEL, "ようこそ")


def has_actions(n):
    try:
        return n.queryAction().nActions > 0
    except NotImplementedError:
        return False


def staff_menu(tablet, item_name):
    outer = menu = None
    for n in tablet.query(BUTTON, "職員メニュー"):
        if has_actions(n):
            menu = n
        else:
            outer = n
    tablet.press(menu)
    item = yrse2e.wait_for(lambda: next(iter(tablet.query(MENU_ITEM, item_name,
                                                          root=outer or menu, anywhere=True)), None),
                           f"{item_name} in the staff menu")
    tablet.press(item)


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


def scroll_to_end(tablet):
    """Drags the page's scroll bar's slider to the bottom with the finger
    (as journey-kiosk-switch does: GTK 4.8 on Xvfb does not scroll on
    XTest's wheel buttons)."""
    def extents(node):
        return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    bars = [n for n in tablet.query(pyatspi.ROLE_SCROLL_BAR) if extents(n).height > 200]
    if not bars:
        return
    e = extents(max(bars, key=lambda n: extents(n).height))
    lib, display, xtst = _xtest()
    x, y = e.x + e.width // 2, e.y + 12
    for dx in (-40, 0):
        xtst.XTestFakeMotionEvent(display, -1, x + dx, y, 0)
        lib.XFlush(display)
        time.sleep(0.3)
    xtst.XTestFakeButtonEvent(display, 1, 1, 0)
    lib.XFlush(display)
    for step in range(1, 11):
        time.sleep(0.05)
        xtst.XTestFakeMotionEvent(display, -1, x, y + e.height * step // 10, 0)
        lib.XFlush(display)
    time.sleep(0.1)
    xtst.XTestFakeButtonEvent(display, 1, 0, 0)
    lib.XFlush(display)
    time.sleep(0.5)


def shots(tablet, name, heading_ja, heading_en, to_end=False):
    if not SHOTS:
        return
    for lang, heading in (("ja", heading_ja), ("en", heading_en), ("ja", heading_ja)):
        radio = tablet.find(CHOICE, LANGUAGES[lang])
        if not radio.getState().contains(pyatspi.STATE_CHECKED):
            tablet.press(radio)
        tablet.find(HEADING, heading)
        time.sleep(2.0)
        if to_end:
            scroll_to_end(tablet)
        path = os.path.join(SHOTS, f"visit-{name}-{lang}-{SHOTS_SIZE}.png")
        if not os.path.exists(path):
            yrse2e._x11_screenshot(path)


j.step("the nurse signs in", sign_in, app, "nurse-chuo")
j.step("the tablet has synced with the city", app.find, BUTTON, "同期済み", timeout=60)
j.step("訪問・面談 from the staff menu", staff_menu, app, "訪問・面談")
j.step("the mother is on her visit list", app.find, BUTTON, f"面談記録：{NAME}", timeout=60)
j.step("(pictures of the visit list)", shots, app, "list", "訪問・面談", "Home visits")
j.step("the server goes away", server.stop)


def consultation():
    app.click(BUTTON, f"面談記録：{NAME}")
    app.find(HEADING, "面談記録")
    app.click(CHOICE, "出産後")
    app.click(CHOICE, "自宅")
    app.click(CHECK, "母親")
    app.click(CHECK, "母親のこころの健康")
    app.click(CHECK, "説明した：産後ケア事業")


j.step("offline: the consultation after the birth, at home, with the mother", consultation)
j.step("(pictures of the consultation record)", shots, app, "consultation", "面談記録", "Consultation record")
j.step("she saves the record", app.click, BUTTON, "記録を保存")
j.step("the EPDS entry follows", app.find, HEADING, "EPDSの点数")
def items_by_number_only():
    for i in range(1, 11):
        group = app.find(pyatspi.ROLE_GROUPING, f"項目{i}")
        names = sorted(n.name for n in app.query(CHOICE, root=group))
        if names != [f"項目{i}：{k}点" for k in range(4)]:
            raise yrse2e.StepFailed(f"item {i}: {names}")


j.step("ten items by their number, scores 0 to 3: never an item's wording", items_by_number_only)


def scores(upto):
    for i, score in enumerate(SCORES[:upto], start=1):
        app.click(CHOICE, f"項目{i}：{score}点")


j.step("items 1 to 9", scores, 9)
j.step("the total so far", app.find, LABEL, "ここまでの合計：11点（10項目中9項目入力済み）")
j.step("item 10 at 1", lambda: app.click(CHOICE, "項目10：1点"))
j.step("the urgent prompt: talk to the supervisor today",
       app.find, None, "項目10が1点以上です：今日中に上司に相談してください")


def back_without_acknowledging():
    dialog_button = app.find(BUTTON, re.compile("^点数の入力に戻る"))
    app.press(dialog_button)
    app.wait_gone(BUTTON, re.compile("^点数の入力に戻る"))
    app.click(BUTTON, "点数を保存")
    app.find(LABEL, re.compile("^項目10が1点以上です。保存する前に"))
    if app.query(HEADING, "EPDSの点数") == []:
        raise yrse2e.StepFailed("the scores were saved without the acknowledgement")


j.step("saving before acknowledging is refused, with the reason", back_without_acknowledging)
j.step("the prompt comes back at the save", app.find, BUTTON, re.compile("^今日中に上司に相談します"))
j.step("she acknowledges: she will talk to her supervisor today",
       lambda: app.press(app.find(BUTTON, re.compile("^今日中に上司に相談します"))))
j.step("the total: 12 of 30", app.find, LABEL, "合計：12点（30点満点）")
j.step("the support panel", app.find, HEADING, "支援を案内する")


def panel_in_view():
    """Once acknowledged, the panel's every referral is in the page's
    view (not cut at the bottom edge): each tick lies inside the scroll
    pane's visible area."""
    def inside():
        ticks = [app.find(CHECK, re.compile("^" + what + "：" + re.escape(name)))
                 for name in ("産後ケア事業", "カウンセリング（個別・グループ）",
                              "兵庫県 妊産婦等のこころの診療ができる精神科医療機関")
                 for what in ("案内した", "本人が希望")]
        for tick in ticks:
            pane = tick.parent
            while pane is not None and pane.getRole() != pyatspi.ROLE_SCROLL_PANE:
                pane = pane.parent
            e = tick.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            p = pane.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if e.y < p.y or e.y + e.height > p.y + p.height:
                return None
        return True
    yrse2e.wait_for(inside, "every referral of the panel in view after the acknowledgement")


j.step("after the acknowledgement the whole panel is in view", panel_in_view)
# The page brings its result (the total, the urgent prompt, the panel)
# into view itself, also when built again in the other language.
j.step("(pictures of the EPDS with the panel)", shots, app, "epds", "EPDSの点数", "EPDS scores")
j.step("counselling and the prefecture's service are offered there",
       lambda: (app.find(CHECK, "案内した：カウンセリング（個別・グループ）"),
                app.find(CHECK, "案内した：兵庫県 妊産婦等のこころの診療ができる精神科医療機関")))
j.step("she offers counselling", app.click, CHECK, "案内した：カウンセリング（個別・グループ）")
j.step("the 産後ケア registration, one tap away", app.click, BUTTON, "産後ケア事業 の利用申請")


def field(name, value, root=None):
    app.type_into(app.find(TEXT, re.compile("^" + re.escape(name) + " "), root=root), value)


def prefilled(name, expected, root=None, digits=False):
    node = app.find(TEXT, re.compile("^" + re.escape(name) + " "), root=root)

    def shown():
        text = yrse2e.text_of(node) or ""
        if digits:
            text = re.sub(r"\D", "", text)
        return text == expected or None
    yrse2e.wait_for(shown, f"{name} prefilled with {expected!r} (shows {yrse2e.text_of(node)!r})")


def registration():
    # What the city holds of her (the case) is there already: the nurse
    # only checks it, and adds what the city does not hold.
    prefilled("氏名", NAME)
    prefilled("フリガナ", KANA)
    panel = app.find(pyatspi.ROLE_PANEL, re.compile("^生年月日 "))
    for label, value in (("年", MOTHER_BORN.year), ("月", MOTHER_BORN.month), ("日", MOTHER_BORN.day)):
        prefilled(label, str(value), root=panel)
    prefilled("電話番号", "09012345678", digits=True)
    prefilled("郵便番号", "6500001", digits=True)
    prefilled("住所", "兵庫県神戸市中央区加納町6-5-1")
    panel = app.find(pyatspi.ROLE_PANEL, re.compile("^生年月日（出産前は出産予定日） "))
    for label, value in (("年", BORN.year), ("月", BORN.month), ("日", BORN.day)):
        prefilled(label, str(value), root=panel)
    field("お子さんの氏名", CHILD)
    app.click(BUTTON, "入力内容を確認する")
    app.click(BUTTON, "送信する")


j.step("the registration form: filled from the case, checked and sent (queued offline)", registration)


def back_to_the_scores():
    for _ in range(4):
        if app.query(HEADING, "EPDSの点数"):
            break
        app.click(BUTTON, "戻る")
    app.find(HEADING, "EPDSの点数")
    app.find(LABEL, "合計：12点（30点満点）")


j.step("back to the scores, as she left them", back_to_the_scores)
j.step("she saves the scores", app.click, BUTTON, "点数を保存")
j.step("the visit list again", app.find, HEADING, "訪問・面談")

HISTORY = {"ja": ("訪問・面談", f"履歴：{NAME}", "市へ未送信"),
           "en": ("Home visits", f"History: {NAME}", "Not yet sent to the city")}


def open_history(lang):
    heading, button, pending = HISTORY[lang]
    app.find(HEADING, heading)
    if not app.query(LABEL, pending):
        app.click(BUTTON, button)
    app.find(LABEL, pending)


def history():
    # Her records saved offline are in the family's History at once,
    # marked as not yet sent.
    open_history("ja")
    if not SHOTS:
        return
    for lang in ("ja", "en", "ja"):
        radio = app.find(CHOICE, LANGUAGES[lang])
        if not radio.getState().contains(pyatspi.STATE_CHECKED):
            app.press(radio)
        open_history(lang)
        time.sleep(2.0)
        path = os.path.join(SHOTS, f"visit-history-{lang}-1280x800.png")
        if not os.path.exists(path):
            yrse2e._x11_screenshot(path)


j.step("her History shows the consultation and the EPDS saved offline, not yet sent", history)
def server_comes_back():
    # The same port (the tablet's configured address): wait until the
    # stopped server's connections have left it (TIME_WAIT).
    def free():
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", server.port))
                return True
            except OSError:
                return None
    yrse2e.wait_for(free, f"port {server.port} free again", timeout=120)
    server.start()

    # Its log still holds the first run's "ready": ask it until it answers.
    def answers():
        try:
            return http("GET", "/v1/catalog") is not None or None
        except OSError:
            return None
    yrse2e.wait_for(answers, "the server answering again", timeout=60)
    # --demo makes a new kiosk at each start: its token is the last one.
    with open(server.log_path, encoding="utf-8", errors="replace") as log:
        tokens = [line.split()[3] for line in log if line.startswith("demo kiosk token: ")]
    if len(tokens) < 2:
        raise yrse2e.StepFailed("the restarted server gave no kiosk token")
    server.kiosk_token = tokens[-1]


j.step("the server comes back, on the same port", server_comes_back)


def city_holds_everything():
    def counts():
        return (server.query("SELECT count(*) FROM consultations")[0][0],
                server.query("SELECT count(*) FROM screenings")[0][0],
                server.query("SELECT count(*) FROM registrations WHERE name = ?", NAME)[0][0])
    yrse2e.wait_for(lambda: counts() == (1, 1, 1) or None, "the consultation, the screening and the "
                    "registration on the server", timeout=90)
    total, high, urgent = server.query("SELECT total, high, urgent FROM screenings")[0]
    if (total, high, urgent) != (12, 1, 1):
        raise yrse2e.StepFailed(f"the screening: total {total}, high {high}, urgent {urgent}")
    kind = server.query("SELECT kind FROM consultations")[0][0]
    if kind != "after_birth":
        raise yrse2e.StepFailed(f"the consultation's kind: {kind}")


j.step("the city holds the consultation, the EPDS (12, item 10) and the registration, exactly once",
       city_holds_everything)


def ready_to_pay():
    state = http("GET", "/v1/submissions/" + application_ref, token=server.kiosk_token)["status"]
    if state != "ready_to_pay":
        raise yrse2e.StepFailed(f"the mother's application is {state!r}")


j.step("the mother's support payment reads \"ready to pay\"", ready_to_pay)


def registration_ref():
    return server.query("SELECT reference FROM registrations WHERE name = ?", NAME)[0][0]


reg_ref = j.step("her registration's reference", registration_ref)
print(f"# her registration: {reg_ref}", flush=True)

supervisor = j.step("a second tablet starts, for the supervisor",
                    j.app, settings={"mode": "tablet", "language": "ja", "server-url": server.url,
                                     "sync-interval-seconds": 5, "idle-timeout-seconds": 3600},
                    # Its own application ID: the same one would hand over to the first.
                    args=["--gapplication-app-id=org.yorisoi.Yorisoi.Supervisor"],
                    name="supervisor")
j.step("the supervisor signs in", sign_in, supervisor, "sup-chuo")
j.step("承認待ちの利用申請 from her staff menu", staff_menu, supervisor, "承認待ちの利用申請")
j.step("(pictures of the queue)", lambda: (supervisor.find(BUTTON, f"{reg_ref} を承認", timeout=60),
                                          shots(supervisor, "queue", "承認待ちの利用申請", "Registrations to approve")))
j.step("her registration is still pending: nobody but the supervisor approves it",
       lambda: None if server.query("SELECT approve_unix FROM registrations WHERE reference = ?", reg_ref)[0][0] is None
       else (_ for _ in ()).throw(yrse2e.StepFailed("the registration was approved without the supervisor")))
j.step("she approves the mother's registration", supervisor.click, BUTTON, f"{reg_ref} を承認", timeout=60)


def approved():
    # What the mother's receipt lookup (her reference and date of birth) says.
    def found():
        answer = http("POST", "/v1/lookups", {"reference": reg_ref, "birth_on": MOTHER_BORN.isoformat()},
                      server.kiosk_token)
        return answer if answer.get("status") == "approved" and answer.get("can_book") else None
    yrse2e.wait_for(found, "her lookup: approved, she can book", timeout=60)


j.step("the registration is approved: the mother can book", approved)
j.finish()
