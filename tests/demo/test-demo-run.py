#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`tools/dev.sh run`, the README's first command, as a newcomer runs it
(issue 22): a fresh HOME, no session bus, and

  headless     no DISPLAY: the script starts its own Xvfb and says how to
               see it; then the app is closed (SIGTERM to the app: the
               kiosk has no close button, and a crash ends it the same way);
  display      a DISPLAY already set (an Xvfb this test starts): the app
               opens there; then the app is closed;
  interrupted  headless again, but the script is interrupted instead
               (SIGINT to its process group, as Ctrl-C in a terminal).

Each time: the demo server must receive the app's catalogue and slot
requests, an application queued in the app's device database
(tests/demo/yrs-demo-enqueue, the store's own API) must reach the server
through the app's sync and come back accepted, and afterwards the server,
the Xvfb, the bus and everything else the script started must be gone, and
nothing may have been written in HOME outside the demo directory.

It uses the build under test (YRS_PREBUILT=1, YRS_BUILD_DIR): no apt-get,
no meson. usage: test-demo-run.py YRS-DEMO-ENQUEUE  (TAP on stdout)
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

enqueue = sys.argv[1]
top = os.environ["YRS_SOURCE_ROOT"]
build = os.environ["YRS_BUILD_ROOT"]
cli = os.path.join(build, "src", "cli", "yorisoi-cli")
app_exe = os.path.realpath(os.path.join(build, "src", "yorisoi"))
server_exe = os.path.realpath(os.path.join(build, "src", "server", "yorisoi-server"))
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))
    return bool(cond)


def wait_until(predicate, timeout, step=0.2):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def session_processes(sid):
    """{pid: (exe, argv)} of the live processes of session `sid`."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
            # Fields after the command's ")": state ppid pgrp session …
            fields = stat[stat.rindex(")") + 2:].split()
            if fields[0] == "Z" or int(fields[3]) != sid:
                continue
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            try:
                exe = os.readlink(f"/proc/{entry}/exe")
            except OSError:
                exe = ""
            found[int(entry)] = (exe, b" ".join(argv).decode(errors="replace").strip())
        except (OSError, ValueError):
            continue
    return found


def pids_of(sid, exe):
    return [pid for pid, (e, _) in session_processes(sid).items() if e == exe]


def environ_of(pid):
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            return dict(item.split(b"=", 1) for item in f.read().split(b"\0") if b"=" in item)
    except OSError:
        return {}


def start_xvfb(tmp):
    """An Xvfb of the test's own on a free display: (process, ":N")."""
    r, w = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-nolisten", "tcp",
                             "-screen", "0", "1280x800x24"],
                            pass_fds=(w,), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        number = f.readline().strip()
    if not number:
        proc.kill()
        raise RuntimeError("Xvfb did not start")
    return proc, ":" + number


class NotConnected(Exception):
    """The app never reached the demo server: nothing else can pass."""


def on_sigterm(signum, frame):
    # meson's timeout: leave through the finally blocks, which stop what
    # dev.sh started (it runs in a session of its own).
    raise SystemExit(1)


signal.signal(signal.SIGTERM, on_sigterm)


def run_demo(label, tmp, display=None, stop="close-app"):
    home = os.path.join(tmp, label, "home")
    os.makedirs(home)
    demo = os.path.join(home, ".local", "state", "yorisoi-demo")
    device_db = os.path.join(demo, "data", "yorisoi", "yorisoi.db")
    server_log = os.path.join(demo, "server.log")
    out_path = os.path.join(tmp, label, "dev.sh.log")

    # A newcomer's environment: no desktop session at all (no DISPLAY, no
    # WAYLAND_DISPLAY, no session bus, no XDG_* but what Debian sets).
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "LANG": "C.UTF-8",
        "USER": os.environ.get("USER", "root"),
        "YRS_PREBUILT": "1",
        "YRS_BUILD_DIR": build,
        "YRS_DEMO_SCREENSHOT_SECONDS": "2",
    }
    if display is not None:
        env["DISPLAY"] = display
    # The sanitizer pass (tools/sanitize.sh) runs this test too: its
    # options go on to the app, the server and the CLI.
    for name, value in os.environ.items():
        if name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "G_SLICE"):
            env[name] = value

    # The demo keeps its settings across runs; this one syncs every 5 s
    # (the default is a minute), set as a person would, in the demo's key
    # file and with the script's own backend.
    settings_env = dict(env, XDG_CONFIG_HOME=os.path.join(demo, "config"),
                        GSETTINGS_BACKEND="keyfile",
                        GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"))
    subprocess.run(["gsettings", "set", "org.yorisoi.Yorisoi", "sync-interval-seconds", "5"],
                   env=settings_env, check=True, timeout=30)
    shutil.copytree(home, os.path.join(tmp, label, "home-before"), symlinks=True)

    started = time.monotonic()
    out = open(out_path, "w", encoding="utf-8")
    proc = subprocess.Popen(["bash", os.path.join(top, "tools", "dev.sh"), "run"],
                            cwd=top, env=env, stdin=subprocess.DEVNULL,
                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    out.close()
    sid = proc.pid
    log_tail = lambda: f"dev.sh:\n{read(out_path)[-1500:]}\nserver.log:\n{read(server_log)[-1500:]}"
    try:
        # The app's first sync: the catalogue, then the slots.
        requests = wait_until(
            lambda: re.search(r"^request GET /v1/catalog 200 ", read(server_log), re.M) and
            re.search(r"^request GET /v1/slots(\?\S*)? 200 ", read(server_log), re.M), 40)
        if not check(f"{label}: the demo server received the app's catalogue and slot requests",
                     requests, log_tail()):
            raise NotConnected(label)
        apps = pids_of(sid, app_exe)
        servers = pids_of(sid, server_exe)
        check(f"{label}: one app and one server run in the script's session",
              len(apps) == 1 and len(servers) == 1, str(session_processes(sid)))
        app_env = environ_of(apps[0]) if apps else {}
        check(f"{label}: the app's settings, token and database are the demo's",
              app_env.get(b"GSETTINGS_BACKEND") == b"keyfile" and
              app_env.get(b"XDG_CONFIG_HOME", b"").decode() == os.path.join(demo, "config") and
              app_env.get(b"XDG_DATA_HOME", b"").decode() == os.path.join(demo, "data") and
              os.path.isfile(device_db), str(app_env.get(b"XDG_CONFIG_HOME")))
        token_path = os.path.join(demo, "config", "yorisoi", "device-token")
        token_line = re.search(r"^demo kiosk token: (\S+)$", read(server_log), re.M)
        check(f"{label}: the demo kiosk token is installed 0600",
              token_line and read(token_path).strip() == token_line.group(1) and
              (os.stat(token_path).st_mode & 0o777) == 0o600, token_path)

        if display is None:
            shown = app_env.get(b"DISPLAY", b"").decode()
            check(f"{label}: the app runs on an Xvfb the script started",
                  shown.startswith(":") and shown != os.environ.get("DISPLAY") and
                  any("Xvfb" in argv for _, argv in session_processes(sid).values()),
                  f"DISPLAY={shown}")
            screen = os.path.join(demo, "screen.png")
            said = read(out_path)
            def is_png():
                try:
                    with open(screen, "rb") as f:
                        return f.read(8) == b"\x89PNG\r\n\x1a\n"
                except OSError:
                    return False

            png = wait_until(is_png, 20)
            check(f"{label}: it says where to see the screen, and the picture is there",
                  screen in said and png, said[-1500:])
        else:
            check(f"{label}: the app opens on the display that was set, with no Xvfb of the script's",
                  app_env.get(b"DISPLAY", b"").decode() == display and
                  not any("Xvfb" in argv for _, argv in session_processes(sid).values()) and
                  not os.path.exists(os.path.join(demo, "screen.png")),
                  str(app_env.get(b"DISPLAY")))

        # A submission queued in the app's outbox goes to the server at
        # the app's next sync, and comes back accepted with a reference.
        p = subprocess.run([enqueue, device_db], capture_output=True, text=True, timeout=30)
        key = p.stdout.strip()
        check(f"{label}: an application is queued in the app's device database",
              p.returncode == 0 and len(key) == 36, p.stderr)

        def answered():
            q = subprocess.run([cli, "outbox", "--db", device_db, "--json"],
                               capture_output=True, text=True, timeout=30)
            if q.returncode != 0:
                return None
            rows = [r for r in json.loads(q.stdout)["rows"] if r["idempotency_key"] == key]
            return rows[0] if rows and rows[0]["state"] == "accepted" else None

        row = wait_until(answered, 40, step=1)
        posted = re.search(r"^request POST /v1/applications 20[01] ", read(server_log), re.M)
        check(f"{label}: the app sent it and the server accepted it",
              row and row.get("server_reference") and posted, log_tail())
        url = re.search(r"^listening on (\S+)$", read(server_log), re.M)
        held = None
        if row and row.get("server_reference") and url:
            try:
                # A receipt lookup needs the device's own token.
                lookup = urllib.request.Request(
                    f"{url.group(1)}/v1/submissions/{row['server_reference']}",
                    headers={"Authorization": "Bearer " + read(token_path).strip()})
                with urllib.request.urlopen(lookup, timeout=10) as r:
                    held = json.loads(r.read().decode())
            except (OSError, ValueError) as e:
                held = {"error": str(e)}
        check(f"{label}: the server holds it under that reference",
              held and held.get("reference") == row["server_reference"], json.dumps(held))

        # Close the app, or interrupt the script: either way the server
        # and everything else the script started must go.
        server_pids = pids_of(sid, server_exe)
        if stop == "close-app":
            for pid in pids_of(sid, app_exe):
                os.kill(pid, signal.SIGTERM)
        else:
            os.killpg(sid, signal.SIGINT)
        try:
            status = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            status = None
        left = wait_until(lambda: not session_processes(sid), 10) or session_processes(sid)
        alive = session_processes(sid)
        check(f"{label}: after {'the app is closed' if stop == 'close-app' else 'Ctrl-C'}, "
              "dev.sh ends and the server is gone",
              status is not None and server_pids and not any(pid in alive for pid in server_pids),
              f"status={status} left={alive}\n{read(out_path)[-800:]}")
        check(f"{label}: nothing the script started is left", left is True, str(left))
        check(f"{label}: dev.sh says the server is stopped" if stop == "close-app" else
              f"{label}: dev.sh exits 130 on Ctrl-C",
              "stopping the reference server" in read(out_path) if stop == "close-app" else status == 130,
              f"status={status}\n{read(out_path)[-800:]}")

        # The demo's own place only: nothing else in HOME was written.
        outside = []
        for root, dirs, files in os.walk(home):
            if os.path.commonpath([root, demo]) == demo:
                continue
            for name in files:
                path = os.path.join(root, name)
                before = os.path.join(tmp, label, "home-before", os.path.relpath(path, home))
                if not os.path.exists(before):
                    outside.append(path)
        check(f"{label}: nothing is written in HOME outside {os.path.relpath(demo, home)}",
              not outside, "\n".join(outside))
    finally:
        if proc.poll() is None:
            os.killpg(sid, signal.SIGKILL)
            proc.wait()
        for pid in session_processes(sid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    return time.monotonic() - started


tmp = tempfile.mkdtemp(prefix="yrs-demo-")
xvfb = None
try:
    took = run_demo("headless", tmp, display=None, stop="close-app")
    print(f"# headless run: {took:.1f} s")
    xvfb, display = start_xvfb(tmp)
    took = run_demo("display", tmp, display=display, stop="close-app")
    print(f"# display run: {took:.1f} s")
    took = run_demo("interrupted", tmp, display=None, stop="interrupt")
    print(f"# interrupted run: {took:.1f} s")
except NotConnected as e:
    print(f"# {e}: the app did not reach the demo server; the other runs are left out")
except Exception:  # a crash of the test is a failure, with its reason
    check("the test ran to its end", False, traceback.format_exc())
finally:
    if xvfb is not None:
        xvfb.terminate()
        xvfb.wait()

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:25]:
            print(f"# {line}")
ok = all(ok for _, ok, _ in results)
if ok:
    shutil.rmtree(tmp, ignore_errors=True)
else:
    print(f"# kept {tmp}")
sys.exit(0 if ok else 1)
