# SPDX-License-Identifier: GPL-3.0-or-later
"""The harness of the screen-reader suite: the real app, the real Orca
and a real speech-dispatcher, all on the X display and the D-Bus session
this process runs in (tests/orca/meson.build starts each test under an
Xvfb and a session bus of its own: xvfb-run -a dbus-run-session).

speech-dispatcher runs with the "dummy" output module (no sound, no
synthesiser) at log level 5, which logs every message a client queues as
"Queueing message |TEXT| with priority N": that line is what Orca said.
The journey presses keys with xdotool (XTest, as a keyboard would), then
waits for Orca to speak: for at least one new message and then for the
speech to settle (no new message for a short while), never a fixed sleep.

Orca's own debug log (every event and every utterance) is kept as an
artifact when YRS_ORCA_DEBUG=1; it slows Orca down a lot, so not by
default.
"""

import os
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import yrse2e  # noqa: E402
from yrse2e import StepFailed, pyatspi  # noqa: E402,F401

# How long Orca may take to speak after a key, on a loaded 2-core machine.
SPEECH_TIMEOUT = float(os.environ.get("YRS_ORCA_TIMEOUT", "30"))
# The speech has settled when nothing new came for this long.
SETTLE = 0.5

_QUEUED = re.compile(r"Queueing message \|(.*?)\| with priority \d+", re.S)
_TAG = re.compile(r"<[^>]*>")
# Orca's echo of the key pressed ("tab", "space", "return"): not speech
# about the app.
KEY_ECHO = re.compile(r"^(tab|space|return|enter|left|right|up|down|shift|left shift|tab tab)\s*$", re.I)


def clean(ssml):
    """The words of one SSML message as Orca sends it (<speak>, <mark/>)."""
    text = _TAG.sub("", ssml)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text.strip()


def available():
    """Whether this machine has what the suite runs (tools/dev.sh deps
    installs it); available.why says what is missing."""
    for tool in ("orca", "speech-dispatcher", "xdotool"):
        if shutil.which(tool) is None:
            available.why = f"{tool} is not installed (tools/dev.sh deps)"
            return False
    if not os.path.exists("/usr/lib/speech-dispatcher-modules/sd_dummy"):
        available.why = "speech-dispatcher's dummy module is missing"
        return False
    return True


class Speech:
    """speech-dispatcher with the dummy module and its log."""

    root = None   # stopped with the journey's apps (yrse2e.Journey.finish)
    name = "speech-dispatcher"

    def __init__(self, journey):
        self.dir = os.path.join(journey.tmp, "speechd")
        conf = os.path.join(self.dir, "conf")
        self.logdir = os.path.join(self.dir, "log")
        os.makedirs(conf)
        os.makedirs(self.logdir)
        self.socket = os.path.join(self.dir, "speechd.sock")
        with open(os.path.join(conf, "speechd.conf"), "w", encoding="utf-8") as f:
            f.write('LogLevel 5\n'
                    f'LogDir "{self.logdir}"\n'
                    'AddModule "dummy" "sd_dummy" ""\n'
                    'DefaultModule dummy\n'
                    'AudioOutputMethod "libao"\n')
        self.log = os.path.join(self.logdir, "speech-dispatcher.log")
        self.journey = journey
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(self.dir, "cache"),
                   XDG_RUNTIME_DIR=self.dir, HOME=self.dir)
        self.proc = subprocess.Popen(
            ["speech-dispatcher", "-s", "-l", "5", "-L", self.logdir, "-C", conf,
             "-c", "unix_socket", "-S", self.socket, "-t", "0"],
            env=env, stdin=subprocess.DEVNULL,
            stdout=open(os.path.join(journey.artifacts, "speechd.out"), "w"),
            stderr=subprocess.STDOUT)
        yrse2e.wait_for(lambda: os.path.exists(self.socket) or self.proc.poll() is not None,
                        "speech-dispatcher's socket")
        if self.proc.poll() is not None:
            raise StepFailed("speech-dispatcher exited; see speechd.out")
        self.seen = 0
        journey.apps.append(self)

    def utterances(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return [clean(m.group(1)) for m in _QUEUED.finditer(f.read())]
        except FileNotFoundError:
            return []

    def mark(self):
        """From now on: what comes after is new."""
        self.seen = len(self.utterances())

    def new(self):
        return self.utterances()[self.seen:]

    def settle(self, timeout=None, at_least=1):
        """Waits for at_least new messages other than a key's echo, then
        for the speech to stop coming; returns the new messages (and
        marks them seen)."""
        deadline = time.monotonic() + (timeout or SPEECH_TIMEOUT)
        while len([u for u in self.new() if not KEY_ECHO.match(u)]) < at_least:
            if time.monotonic() > deadline:
                raise StepFailed(f"Orca said nothing new in {timeout or SPEECH_TIMEOUT:.0f} s")
            time.sleep(0.05)
        count, quiet_since = len(self.new()), time.monotonic()
        while time.monotonic() - quiet_since < SETTLE and time.monotonic() < deadline:
            time.sleep(0.05)
            n = len(self.new())
            if n != count:
                count, quiet_since = n, time.monotonic()
        said = self.new()
        self.seen += len(said)
        return said

    def wait_for(self, pattern, timeout=None):
        """Waits until a new message matches pattern (a regex); returns
        everything said up to and including it, and after it until the
        speech settles."""
        deadline = time.monotonic() + (timeout or SPEECH_TIMEOUT)
        rx = re.compile(pattern)
        while True:
            new = self.new()
            for i, u in enumerate(new):
                if rx.search(u):
                    self.seen += i + 1
                    rest = []
                    try:
                        rest = self.settle(timeout=SETTLE * 3)
                    except StepFailed:
                        pass
                    return new[:i + 1] + rest
            if time.monotonic() > deadline:
                raise StepFailed(f"Orca never said /{pattern}/; it said: {new}")
            time.sleep(0.05)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        try:
            shutil.copy(self.log, os.path.join(self.journey.artifacts, "speech-dispatcher.log"))
        except OSError:
            pass


class Orca:
    """The real screen reader, with preferences of its own and its speech
    going to our speech-dispatcher."""

    root = None   # stopped with the journey's apps (yrse2e.Journey.finish)
    name = "orca"

    def __init__(self, journey, speech, lang):
        prefs = os.path.join(journey.tmp, "orca-prefs")
        os.makedirs(prefs)
        env = dict(os.environ, SPEECHD_ADDRESS=f"unix_socket:{speech.socket}",
                   HOME=os.path.join(journey.tmp, "orca-home"),
                   LANGUAGE=lang, LC_ALL="C.UTF-8")
        for var in ("NO_AT_BRIDGE", "GTK_A11Y"):
            env.pop(var, None)
        argv = ["orca", "-u", prefs, "-e", "speech"]
        if os.environ.get("YRS_ORCA_DEBUG") == "1":
            argv += ["--debug-file", os.path.join(journey.artifacts, "orca-debug.out")]
        self.proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                     stdout=open(os.path.join(journey.artifacts, "orca.out"), "w"),
                                     stderr=subprocess.STDOUT)
        journey.apps.insert(0, self)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_app(journey, settings):
    """The app, as yrse2e starts it; once in a while on the shared test
    machine the app's first connection to a fresh Xvfb is refused
    ("cannot open display", while xdpyinfo connects before and after):
    then it is started again, up to three times."""
    for attempt in range(3):
        try:
            return journey.app(settings=settings)
        except StepFailed:
            app = journey.apps.pop()
            with open(app.log_path, encoding="utf-8", errors="replace") as f:
                if "cannot open display" not in f.read() or attempt == 2:
                    journey.apps.append(app)
                    raise
            print("# the app could not open the display; starting it again", flush=True)


def key(*keys):
    """Presses keys as a keyboard would (XTest), to the focused window."""
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "30", text], check=True)


def focus_window(pid, speech, presented):
    """Gives the app's window the X input focus (there is no window
    manager on the test's Xvfb) and waits for Orca to present it (to say
    the pattern `presented`). Orca comes up after the window: when its
    start misses the window, the focus goes to the app's other (1x1)
    window and back, which Orca sees."""
    def windows(*options):
        return subprocess.run(["xdotool", "search", *options, "--pid", str(pid)],
                              capture_output=True, text=True).stdout.split()
    visible = yrse2e.wait_for(lambda: windows("--onlyvisible"), "the app's X window")[-1]
    others = [w for w in windows() if w != visible]
    subprocess.run(["xdotool", "windowfocus", "--sync", visible], check=False)
    for attempt in range(6):
        try:
            return speech.wait_for(presented, timeout=10)
        except StepFailed:
            if others:
                subprocess.run(["xdotool", "windowfocus", "--sync", others[0]], check=False)
            subprocess.run(["xdotool", "windowfocus", "--sync", visible], check=False)
    raise StepFailed("Orca never presented the app's window")
