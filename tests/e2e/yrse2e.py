# SPDX-License-Identifier: GPL-3.0-or-later
"""The harness of the end-to-end journeys: drives the real app binary
through the accessibility tree (AT-SPI, pyatspi) as a person would, against
a real yorisoi-server on loopback.

A journey is a script that makes a Journey, starts what it needs and runs
its steps; each step is one TAP line, and a screenshot of the screen after
the step is kept under <build>/tests/e2e/artifacts/<journey>/ (not
committed). Run with Debian's /usr/bin/python3 under
`xvfb-run -a dbus-run-session --` (tools/dev.sh test does).

In GTK 4.8 read text with getText(0, characterCount), not -1.
"""

import ctypes
import datetime
import os
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import zlib

sys.dont_write_bytecode = True

try:
    import pyatspi
except ImportError:  # reported as a skip by Journey.__init__
    pyatspi = None

DEFAULT_TIMEOUT = float(os.environ.get("YRS_E2E_TIMEOUT", "30"))


class StepFailed(Exception):
    pass


class _XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int),
                ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
                ("data", ctypes.POINTER(ctypes.c_char)),
                ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
                ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int),
                ("bits_per_pixel", ctypes.c_int)]


_x11 = None


def _x11_display():
    global _x11
    if _x11 is None:
        lib = ctypes.CDLL("libX11.so.6")
        lib.XOpenDisplay.restype = ctypes.c_void_p
        lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        lib.XDefaultRootWindow.restype = ctypes.c_ulong
        lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        lib.XGetImage.restype = ctypes.POINTER(_XImage)
        lib.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                                  ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        lib.XDestroyImage.argtypes = [ctypes.POINTER(_XImage)]
        lib.XGetGeometry.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_void_p] * 7
        lib.XFlush.argtypes = [ctypes.c_void_p]
        display = lib.XOpenDisplay(None)
        if not display:
            raise OSError("cannot open the X display")
        _x11 = (lib, display)
    return _x11


_touches = 0


def touch():
    """Moves the pointer a pixel inside the top left of the screen, as a
    person's hand would: the kiosk's idle timer counts input events, and
    AT-SPI actions are none."""
    global _touches
    lib, display = _x11_display()
    xtst = ctypes.CDLL("libXtst.so.6")
    xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                          ctypes.c_int, ctypes.c_ulong]
    _touches += 1
    xtst.XTestFakeMotionEvent(display, -1, 4 + _touches % 2, 300, 0)
    lib.XFlush(display)


def _x11_screenshot(path):
    """The whole X screen as a PNG, straight from Xlib (ImageMagick's
    `import` takes over a second a picture)."""
    lib, display = _x11_display()
    root = lib.XDefaultRootWindow(display)
    w, h, unused = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    r, xy = ctypes.c_ulong(), ctypes.c_int()
    lib.XGetGeometry(display, root, ctypes.byref(r), ctypes.byref(xy), ctypes.byref(xy),
                     ctypes.byref(w), ctypes.byref(h), ctypes.byref(unused), ctypes.byref(unused))
    image = lib.XGetImage(display, root, 0, 0, w.value, h.value, 0xFFFFFFFF, 2)  # ZPixmap
    if not image:
        raise OSError("XGetImage failed")
    try:
        im = image.contents
        width, height, stride, bpp = im.width, im.height, im.bytes_per_line, im.bits_per_pixel
        if bpp != 32:
            raise OSError(f"{bpp} bits a pixel")
        raw = ctypes.string_at(im.data, stride * height)
    finally:
        lib.XDestroyImage(image)
    if stride != width * 4:
        raw = b"".join(raw[y * stride:y * stride + width * 4] for y in range(height))
    # BGRX to RGB, then each row behind PNG filter byte 0.
    rgb = bytearray(width * height * 3)
    rgb[0::3] = raw[2::4]
    rgb[1::3] = raw[1::4]
    rgb[2::3] = raw[0::4]
    view = memoryview(rgb)
    row = width * 3
    scan = b"".join(b"\0" + view[y * row:(y + 1) * row] for y in range(height))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(scan, 1)))
        f.write(chunk(b"IEND", b""))


def _gvariant_string(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


class Server:
    """A real yorisoi-server on a free loopback port, with its own database
    file, which survives stop() and start() (journey 3 stops the server)."""

    def __init__(self, journey, demo=True, extra=()):
        self.journey = journey
        self.demo = demo
        self.extra = list(extra)
        self.db = os.path.join(journey.tmp, "server.db")
        self.log_path = os.path.join(journey.artifacts, "server.log")
        self.proc = None
        self.url = None
        self.port = 0
        self.staff_id = self.staff_password = self.kiosk_token = None

    def query(self, sql, *params):
        """Rows from the server's own database (read-only)."""
        db = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=10)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def start(self):
        binary = os.path.join(self.journey.build_root, "src", "server", "yorisoi-server")
        argv = [binary, "--port", str(self.port), "--db", self.db]
        if self.demo:
            argv.append("--demo")
        # The city's secret key, to open what the apps seal (issue 18).
        argv += ["--seal-keys", self.journey.seal_keys(), *self.extra]
        log = open(self.log_path, "a", encoding="utf-8")
        self.proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.monotonic() + DEFAULT_TIMEOUT
        ready = False
        while time.monotonic() < deadline:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.startswith("listening on "):
                        self.url = line.split(" ", 2)[2].strip()
                    elif line.startswith("demo staff: "):
                        self.staff_id, self.staff_password = line.split()[2:4]
                    elif line.startswith("demo kiosk token: "):
                        self.kiosk_token = line.split()[3]
                    elif line.strip() == "ready":
                        ready = True
            if self.url is not None and (ready or not self.demo) and self.proc.poll() is None:
                # Keep the same port across a restart.
                self.port = int(re.search(r":(\d+)", self.url.split("//", 1)[1]).group(1))
                return self.url
            if self.proc.poll() is not None:
                raise StepFailed(f"yorisoi-server exited ({self.proc.returncode}); see {self.log_path}")
            time.sleep(0.05)
        raise StepFailed("yorisoi-server did not say where it listens")

    def crash(self):
        """Kills the app at once (SIGKILL), as a crash would: nothing of it
        runs after, no draft is flushed, no wipe happens. start() runs it
        again on the same configuration and database."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None
        self.root = None

    def data_files(self):
        """The device database and its -wal and -shm files, as bytes."""
        out = {}
        for top, _dirs, files in os.walk(self.env["XDG_DATA_HOME"]):
            for f in files:
                if ".db" in f:
                    with open(os.path.join(top, f), "rb") as fh:
                        out[os.path.join(top, f)] = fh.read()
        return out

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


class Front:
    """The production front of issue 15 (tests/integration/yrs_front.py):
    three yorisoi-server instances on one throw-away PostgreSQL database
    behind Debian's nginx with data/deploy/nginx/yorisoi.conf, TLS on
    loopback with a certificate made for the test. The device trusts it
    through its extra-ca-file setting (ca_file), as a city-internal CA
    would be; verification stays on. stop() takes the network path away
    (nginx stops; the instances and the database stay up), start() brings
    it back on the same port; close() ends everything."""

    def __init__(self, journey, instances=3):
        sys.path.insert(0, os.path.join(os.environ.get("YRS_SOURCE_ROOT", "."), "tests", "integration"))
        import yrs_front  # noqa: E402 (needs pg-cluster.sh, initdb and nginx)
        self.journey = journey
        self._yrs_front = yrs_front
        # --approve-after as the journeys' single server (its demo default).
        self.front = yrs_front.Front(instances, extra=("--approve-after", "5",
                                                       "--seal-keys", journey.seal_keys()))
        self.url = f"https://127.0.0.1:{self.front.port}"
        self.ca_file = self.front.cert
        self.staff_id = self.front.staff_id
        self.staff_password = self.front.password
        self.kiosk_token = self.front.kiosk
        self.access_log = self.front.access_log

    def query(self, sql, *params):
        """Rows of the shared PostgreSQL database as tuples, as Server.query
        gives them from SQLite ("?" are the parameters)."""
        import json as _json
        text = self.front.query(f"SELECT coalesce(json_agg(t), '[]') FROM ({sql}) t", *params)
        return [tuple(row.values()) for row in _json.loads(text or "[]")]

    def staff_token(self):
        """A staff session through the front (POST /v1/staff/sessions)."""
        import uuid
        client = self._yrs_front.Client(self.front.connection)
        try:
            status, _, body = client.call("POST", "/v1/staff/sessions",
                                          {"staff_id": self.staff_id, "password": self.staff_password},
                                          key=str(uuid.uuid4()))
        finally:
            client.close()
        if status != 201:
            raise StepFailed(f"staff sign-in through the front: {status}")
        return body["token"]

    def instance_ports(self):
        return [s.port for s in self.front.servers]

    def instances_up(self):
        return [s.proc.poll() is None for s in self.front.servers]

    def start(self):
        self.front.start_nginx()
        return self.url

    def stop(self):
        self.front.stop_nginx()

    def close(self):
        for s in self.front.servers:
            try:
                log = s.dup_log()
                with open(os.path.join(self.journey.artifacts, f"instance-{s.port}.log"), "w",
                          encoding="utf-8") as f:
                    f.write(log)
            except OSError:
                pass
        try:
            shutil.copy(self.access_log, os.path.join(self.journey.artifacts, "nginx-access.log"))
        except OSError:
            pass
        self.front.stop()


class App:
    """The app binary and its accessible application object."""

    def __init__(self, journey, settings=None, args=(), name="app", device_token=None):
        self.journey = journey
        self.name = name
        config = os.path.join(journey.tmp, f"{name}-config")
        os.makedirs(os.path.join(config, "glib-2.0", "settings"), exist_ok=True)
        if device_token is not None:
            os.makedirs(os.path.join(config, "yorisoi"), mode=0o700, exist_ok=True)
            path = os.path.join(config, "yorisoi", "device-token")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(device_token)
        # An app takes no submission without the city's public key (issue
        # 18): the journey's, whose secret half its servers hold.
        settings = dict(settings or {})
        settings.setdefault("city-key", journey.city_key())
        # Settings through the keyfile backend, so that the journey can set
        # the server address and the mode before the app starts.
        with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w",
                  encoding="utf-8") as f:
            f.write("[org/yorisoi/Yorisoi]\n")
            for key, value in (settings or {}).items():
                f.write(f"{key}={_gvariant_string(value)}\n")
        env = dict(os.environ)
        for var in ("NO_AT_BRIDGE", "GTK_A11Y", "GSETTINGS_BACKEND", "G_DEBUG"):
            env.pop(var, None)
        env.update({
            "GSETTINGS_BACKEND": "keyfile",
            "XDG_CONFIG_HOME": config,
            "XDG_DATA_HOME": os.path.join(journey.tmp, f"{name}-data"),
            "XDG_CACHE_HOME": os.path.join(journey.tmp, f"{name}-cache"),
            "XDG_STATE_HOME": os.path.join(journey.tmp, f"{name}-state"),
            # As a login session has (a tmpfs there): a kiosk session's key
            # is kept in it for a restart after a crash (issue 18).
            "XDG_RUNTIME_DIR": os.path.join(journey.tmp, f"{name}-runtime"),
            "G_DEBUG": "fatal-criticals",
        })
        os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
        self.env = env
        self.args = list(args)
        self.proc = None
        self.root = None
        self.log_path = os.path.join(journey.artifacts, f"{name}.log")

    def start(self):
        binary = os.path.join(self.journey.build_root, "src", "yorisoi")
        log = open(self.log_path, "a", encoding="utf-8")
        self.proc = subprocess.Popen([binary, *self.args], env=self.env, stdout=log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        self.root = wait_for(lambda: self._find_application(), "the app in the accessibility tree")
        return self

    def _find_application(self):
        if self.proc.poll() is not None:
            raise StepFailed(f"the app exited ({self.proc.returncode}); see {self.log_path}")
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            try:
                if a is not None and a.get_process_id() == self.proc.pid and a.childCount > 0:
                    return a
            except Exception:  # an application going away meanwhile
                continue
        return None

    def crash(self):
        """Kills the app at once (SIGKILL), as a crash would: nothing of it
        runs after, no draft is flushed, no wipe happens. start() runs it
        again on the same configuration and database."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None
        self.root = None

    def data_files(self):
        """The device database and its -wal and -shm files, as bytes."""
        out = {}
        for top, _dirs, files in os.walk(self.env["XDG_DATA_HOME"]):
            for f in files:
                if ".db" in f:
                    with open(os.path.join(top, f), "rb") as fh:
                        out[os.path.join(top, f)] = fh.read()
        return out

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    # Looking things up ---------------------------------------------------

    def nodes(self, root=None):
        """Every node of the tree under root (the app by default), depth
        first, on screen or not: GTK 4.8 marks the hidden pages of a stack
        "visible" like the shown one, and "showing" only on windows."""
        out = []
        stack = [root or self.root]
        while stack:
            n = stack.pop()
            if n is None:
                continue
            try:
                out.append(n)
                count = n.childCount
                stack.extend(n.getChildAtIndex(i) for i in reversed(range(count)))
            except Exception:  # a node destroyed while we walk
                continue
        return out

    def on_screen(self, node, _depth=0):
        """Whether a person can see node: its window's hit test at the
        node's centre lands on it or inside it. (Hidden stack pages keep
        their old extents, but hit tests only find mapped widgets.) GTK 4.8
        finds nothing at a GtkText (the text of an entry): then the
        node's container must be on screen."""
        try:
            e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if e.width <= 0 or e.height <= 0:
                return False
            window = node
            while window is not None and window.getRole() not in (
                    pyatspi.ROLE_FRAME, pyatspi.ROLE_WINDOW, pyatspi.ROLE_DIALOG):
                window = window.parent
            if window is None:
                return False
            cx, cy = e.x + e.width // 2, e.y + e.height // 2
            # Scrolled out of its scroll pane's view: a person can scroll
            # to it when the pane itself is on screen.
            pane = node.parent
            while pane is not None and pane.getRole() not in (
                    pyatspi.ROLE_SCROLL_PANE, pyatspi.ROLE_FRAME):
                pane = pane.parent
            if pane is not None and pane.getRole() == pyatspi.ROLE_SCROLL_PANE:
                p = pane.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                if not (p.x <= cx < p.x + p.width and p.y <= cy < p.y + p.height):
                    return self.on_screen(pane, _depth)
            # The centre first; a blank spot of a box (a tall form's
            # centre between two fields) hits nothing in GTK 4.8, so then
            # the centres of the four quarters.
            points = [(cx, cy)] + [(e.x + e.width * fx // 4, e.y + e.height * fy // 4)
                                   for fx in (1, 3) for fy in (1, 3)]
            missed = True
            for x, y in points:
                hit = window.queryComponent().getAccessibleAtPoint(x, y, pyatspi.WINDOW_COORDS)
                missed = missed and hit is None
                while hit is not None:
                    if hit == node:
                        return True
                    if hit == window:
                        break
                    hit = hit.parent
            if missed:
                return _depth < 3 and node.parent is not None and self.on_screen(node.parent, _depth + 1)
        except Exception:
            return False
        return False

    def query(self, role=None, name=None, text=None, root=None, anywhere=False):
        """Nodes on screen (or anywhere in the tree, hidden pages too) with
        the role (a pyatspi ROLE_ constant) and the accessible name (a
        string: equal; a compiled pattern: search) or text contents."""
        found = []
        for n in self.nodes(root):
            try:
                if role is not None and n.getRole() != role:
                    continue
                if name is not None and not _match(name, n.name):
                    continue
                if text is not None and not _match(text, text_of(n)):
                    continue
            except Exception:
                continue
            if anywhere or self.on_screen(n):
                found.append(n)
        return found

    def find(self, role=None, name=None, text=None, root=None, timeout=None):
        what = _describe(role, name, text)
        return wait_for(lambda: next(iter(self.query(role, name, text, root)), None),
                        what, timeout)

    def wait_gone(self, role=None, name=None, text=None, timeout=None):
        wait_for(lambda: not self.query(role, name, text),
                 "no more " + _describe(role, name, text), timeout)

    def on_screen_summary(self):
        """role 'name' (text) of everything on screen but plain containers,
        to say what a failed step saw."""
        out = []
        for n in self.nodes():
            try:
                role = n.getRole()
                if role in (pyatspi.ROLE_FILLER, pyatspi.ROLE_SCROLL_BAR) or (
                        role == pyatspi.ROLE_PANEL and not n.name) or not self.on_screen(n):
                    continue
                t = text_of(n)
                out.append(f"{n.getRoleName()} {n.name!r}" + (f" text={t!r}" if t and t != n.name else ""))
            except Exception:
                continue
        return out

    def all_text(self):
        """Every name, description and text anywhere in the tree, hidden
        pages too: what a screen reader could reach."""
        out = []
        for n in self.nodes():
            try:
                out.extend(s for s in (n.name, n.description, text_of(n)) if s)
            except Exception:
                continue
        return out

    def dump(self, root=None, out=sys.stderr):
        """The tree as indented lines (role, name, text, actions), for
        writing a journey; marks what is on screen with '*'."""
        def walk(n, depth):
            try:
                line = f"{'  ' * depth}{'*' if self.on_screen(n) else ' '} {n.getRoleName()} {n.name!r}"
                t = text_of(n)
                if t and t != n.name:
                    line += f" text={t!r}"
                try:
                    a = n.queryAction()
                    names = [a.getName(i) for i in range(a.nActions)]
                    if names and "clipboard.copy" not in names:
                        line += f" actions={names}"
                except NotImplementedError:
                    pass
                print(line, file=out)
                for i in range(n.childCount):
                    c = n.getChildAtIndex(i)
                    if c is not None:
                        walk(c, depth + 1)
            except Exception as e:
                print(f"{'  ' * depth}! {e}", file=out)
        walk(root or self.root, 0)

    # Doing things -------------------------------------------------------

    def _touch(self):
        if self.journey.touching:
            try:
                touch()
            except OSError:
                pass

    def press(self, node, action=None):
        """Runs the node's action ("click" for a button) through AT-SPI."""
        self._touch()
        a = node.queryAction()
        names = [a.getName(i) for i in range(a.nActions)]
        wanted = action or next((x for x in ("click", "activate", "press", "toggle")
                                 if x in names), None)
        if wanted is None:
            raise StepFailed(f"{node.getRoleName()} '{node.name}' has no press action: {names}")
        a.doAction(names.index(wanted))

    def click(self, role, name, timeout=None):
        node = self.find(role, name, timeout=timeout)
        wait_for(lambda: node.getState().contains(pyatspi.STATE_SENSITIVE),
                 f"{node.getRoleName()} '{node.name}' to become sensitive", timeout)
        self.press(node)
        return node

    def type_into(self, node, value):
        """Replaces the text of an editable node through EditableText."""
        self._touch()
        e = node.queryEditableText()
        e.setTextContents(value)
        wait_for(lambda: text_of(node) == value, f"'{value}' in {node.name}")


def kiosk_to_payment_form(app):
    """At a kiosk in Japanese: the check for a pregnant resident who
    notified 30 days ago (not on public assistance, not tax-exempt), then
    "申請する" on the first support payment's card: the form is open."""
    button = pyatspi.ROLE_PUSH_BUTTON
    app.click(button, "使える制度を調べる")
    notified = datetime.date.today() - datetime.timedelta(days=30)
    for question, choice in (("神戸市にお住まいですか？", "はい"),
                             ("いまの状況に近いものを選んでください。", "妊娠している")):
        app.find(pyatspi.ROLE_LABEL, question)
        app.click(pyatspi.ROLE_RADIO_BUTTON, choice)
        app.click(button, "次へ")
    for label, value in (("年", notified.year), ("月", notified.month), ("日", notified.day)):
        app.type_into(app.find(pyatspi.ROLE_TEXT, re.compile("^" + label)), str(value))
    app.click(button, "次へ")
    app.find(pyatspi.ROLE_SPIN_BUTTON, "おなかの赤ちゃんの人数")
    app.click(button, "次へ")
    for question in ("生活保護を受けていますか？", "世帯の住民税は非課税ですか？"):
        app.find(pyatspi.ROLE_LABEL, question)
        app.click(pyatspi.ROLE_RADIO_BUTTON, "いいえ")
        app.click(button, "次へ")
    card = app.find(pyatspi.ROLE_PANEL, re.compile("^妊婦のための支援給付（妊娠時）: 対象です"))
    app.press(app.find(button, "申請する", root=card))


def text_of(node):
    try:
        t = node.queryText()
    except NotImplementedError:
        return None
    # GTK 4.8: getText (0, -1) returns nothing.
    return t.getText(0, t.characterCount)


def _match(pattern, value):
    if value is None:
        return False
    if isinstance(pattern, re.Pattern):
        return pattern.search(value) is not None
    return value == pattern


def _describe(role, name, text):
    parts = []
    if role is not None:
        parts.append(str(role).removeprefix("ROLE_").replace("_", " ").lower()
                     if str(role).startswith("ROLE_") else str(role))
    if name is not None:
        parts.append(f"named {name.pattern if isinstance(name, re.Pattern) else name!r}")
    if text is not None:
        parts.append(f"with text {text.pattern if isinstance(text, re.Pattern) else text!r}")
    return " ".join(parts) or "a node"


def wait_for(probe, what, timeout=None):
    deadline = time.monotonic() + (timeout or DEFAULT_TIMEOUT)
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise StepFailed(f"timed out waiting for {what}")
        time.sleep(0.1)


class Journey:
    """One journey: TAP output, a temp dir, artifacts, cleanup."""

    def __init__(self, name):
        self.name = name
        self.n = 0
        self.failed = False
        self.build_root = os.environ.get("YRS_BUILD_ROOT")
        if pyatspi is None:
            self.skip("python3-pyatspi is not installed (run with /usr/bin/python3)")
        if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            self.skip("needs an X display and a D-Bus session: xvfb-run -a dbus-run-session --")
        if not self.build_root:
            self.skip("YRS_BUILD_ROOT is not set (run through meson test)")
        self.artifacts = os.path.join(os.environ.get("YRS_E2E_ARTIFACTS",
                                                     os.path.join(self.build_root, "tests", "e2e", "artifacts")),
                                      name)
        shutil.rmtree(self.artifacts, ignore_errors=True)
        os.makedirs(self.artifacts)
        self.tmp = tempfile.mkdtemp(prefix=f"yrs-e2e-{name}-")
        self.apps = []
        self.servers = []
        self.fronts = []
        # Each step starts with a touch (see touch()); a journey that lets
        # the kiosk time out turns this off.
        self.touching = True

    def skip(self, why):
        print(f"1..0 # SKIP {why}", flush=True)
        sys.exit(0)

    def seal_keys(self):
        """The journey's city key pair (yorisoi-server seal-keygen), made
        once: the file of secret keys for its servers."""
        path = os.path.join(self.tmp, "seal-keys")
        if not os.path.exists(path):
            binary = os.path.join(self.build_root, "src", "server", "yorisoi-server")
            out = subprocess.run([binary, "seal-keygen", "e2e-1", path], check=True,
                                 capture_output=True, text=True).stdout.strip()
            with open(path + ".public", "w", encoding="ascii") as f:
                f.write(out)
        return path

    def city_key(self):
        """The public half, as the app's city-key setting holds it."""
        with open(self.seal_keys() + ".public", encoding="ascii") as f:
            return f.read().strip()

    def server(self, demo=True, extra=()):
        s = Server(self, demo, extra)
        self.servers.append(s)
        s.start()
        return s

    def front(self, instances=3):
        fr = Front(self, instances)
        self.fronts.append(fr)
        return fr

    def app(self, settings=None, args=(), name="app", device_token=None):
        a = App(self, settings, args, name, device_token)
        self.apps.append(a)
        return a.start()

    def screenshot(self, label):
        path = os.path.join(self.artifacts, f"{self.n:02d}-{re.sub(r'[^A-Za-z0-9]+', '-', label)[:60]}.png")
        try:
            _x11_screenshot(path)
        except OSError:
            subprocess.run(["import", "-window", "root", path], check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def step(self, description, fn, *args, **kwargs):
        """Runs one step; on failure prints the TAP failure, a screenshot
        and the tree's text, and stops the journey."""
        self.n += 1
        if self.touching:
            try:
                touch()
            except OSError:
                pass
        started = time.monotonic()
        try:
            result = fn(*args, **kwargs)
        except Exception as e:  # any failure ends the journey
            self.failed = True
            print(f"not ok {self.n} - {description}", flush=True)
            for line in traceback.format_exception(e):
                for sub in line.rstrip().splitlines():
                    print(f"# {sub}")
            self.screenshot("FAILED " + description)
            for a in self.apps:
                if a.root is not None:
                    try:
                        print(f"# on screen in {a.name}: " + " | ".join(a.on_screen_summary())[:6000])
                    except Exception:
                        pass
            self.finish()
        took = time.monotonic() - started
        # Let the frame land before the picture.
        time.sleep(0.2)
        self.screenshot(description)
        print(f"ok {self.n} - {description}", flush=True)
        print(f"# {took:.2f} s, screenshot {time.monotonic() - started - took:.2f} s", flush=True)
        return result

    def finish(self):
        for a in self.apps:
            a.stop()
        for s in self.servers:
            s.stop()
        for fr in self.fronts:
            try:
                fr.close()
            except Exception as e:  # noqa: BLE001 (a failed stop fails the journey)
                print(f"# the front did not stop cleanly: {e}", flush=True)
                self.failed = True
        shutil.rmtree(self.tmp, ignore_errors=True)
        print(f"1..{self.n}", flush=True)
        sys.exit(1 if self.failed else 0)
