#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""data/deploy/yorisoi-server.service: `systemd-analyze verify` says
nothing about it (any warning fails the test, as an unknown key shows),
`systemd-analyze security --offline` rates it at most 2.0 (the README
states the figure), and the binary tells systemd it is ready (Type=notify)
on a NOTIFY_SOCKET of the test's own."""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile

build = os.environ["YRS_BUILD_ROOT"]
unit = os.path.join(build, "src", "server", "yorisoi-server-buildtree.service")
n = 0
failed = 0


def result(ok, name, detail=""):
    global n, failed
    n += 1
    if not ok:
        failed += 1
        for line in str(detail).splitlines():
            print("# " + line)
    print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
    sys.stdout.flush()


def verify(path):
    out = subprocess.run(["systemd-analyze", "verify", "--man=no", path],
                         capture_output=True, text=True, timeout=60)
    return out.returncode, (out.stdout + out.stderr).strip()


if shutil.which("systemd-analyze") is None:
    print("1..0 # SKIP systemd-analyze is not installed")
    sys.exit(0)

d = tempfile.mkdtemp(prefix="yrs-unit-")
copy = os.path.join(d, "yorisoi-server.service")
shutil.copy(unit, copy)
rc, text = verify(copy)
result(rc == 0 and text == "", "systemd-analyze verify: no complaint", text)

broken = os.path.join(d, "broken.service")
with open(unit) as f, open(broken, "w") as g:
    g.write(f.read().replace("NoNewPrivileges=yes", "NoNewPrivileges=yes\nProtectSystm=strict"))
rc, text = verify(broken)
result(text != "", "systemd-analyze verify: a misspelt key is caught", text)

out = subprocess.run(["systemd-analyze", "security", "--offline=true", copy],
                     capture_output=True, text=True, timeout=60)
m = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", out.stdout + out.stderr)
result(m is not None and float(m.group(1)) <= 2.0,
       "systemd-analyze security: exposure %s (at most 2.0)" % (m.group(1) if m else "?"),
       out.stdout[-2000:] + out.stderr[-500:])

# Type=notify: READY=1 on NOTIFY_SOCKET once listening.
sock_path = os.path.join(d, "notify")
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(sock_path)
sock.settimeout(30)
env = dict(os.environ, NOTIFY_SOCKET=sock_path)
env.pop("G_DEBUG", None)
proc = subprocess.Popen([os.path.join(build, "src", "server", "yorisoi-server"), "--port", "0",
                         "--db", os.path.join(d, "s.db")], env=env,
                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    listening = proc.stdout.readline().strip()
    message = sock.recv(4096).decode()
    result("READY=1" in message.split("\n") and listening.split()[-1] in message,
           "READY=1 once listening", repr((listening, message)))
finally:
    proc.terminate()
    proc.wait(10)
try:
    message = sock.recv(4096).decode()
except socket.timeout:
    message = ""
result("STOPPING=1" in message, "STOPPING=1 on SIGTERM", repr(message))
shutil.rmtree(d, ignore_errors=True)
print("1..%d" % n)
sys.exit(1 if failed else 0)
