# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for the Python server tests: run the real yorisoi-server from
the build tree on a free loopback port, talk raw HTTP/1.1 to it, read its
open descriptors and RSS from /proc, and print TAP."""

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time


def server_bin():
    path = os.environ.get("YRS_SERVER_BIN")
    if path:
        return path
    return os.path.join(os.environ["YRS_BUILD_ROOT"], "src", "server", "yorisoi-server")


# With YRS_TEST_DB=postgresql each Server gets a database of its own on one
# throw-away PostgreSQL cluster per test process (pg-cluster.sh), as the C
# tests do (yrs-test-server.h).
PG = os.environ.get("YRS_TEST_DB") == "postgresql"
_pg = {}


def pg_script():
    return os.path.join(os.environ.get("YRS_SOURCE_ROOT", "."), "tests", "integration",
                        "pg-cluster.sh")


def pg_cluster():
    """(directory, "postgresql://yorisoi@127.0.0.1:PORT"), started once."""
    if "dir" not in _pg:
        parent = tempfile.mkdtemp(prefix="yrs-test-pg-")
        d = os.path.join(parent, "cluster")
        out = subprocess.run(["/bin/sh", pg_script(), "start", d], check=True,
                             capture_output=True, text=True).stdout.strip()

        def destroy():
            subprocess.run(["/bin/sh", pg_script(), "destroy", d], capture_output=True)
            shutil.rmtree(parent, ignore_errors=True)
        atexit.register(destroy)
        _pg["dir"], _pg["base"], _pg["n"] = d, out, 0
    return _pg["dir"], _pg["base"]


def pg_new_database():
    d, base = pg_cluster()
    _pg["n"] += 1
    name = "yrs_py_%d_%d" % (os.getpid(), _pg["n"])
    subprocess.run(["/bin/sh", pg_script(), "createdb", d, name], check=True,
                   capture_output=True)
    return base + "/" + name


def pg_query(uri, sql, *args):
    """psql -At on uri; "?" in sql are args, quoted by psql. The text."""
    parts = sql.split("?")
    text = parts[0]
    for i, part in enumerate(parts[1:]):
        text += ":'a%d'" % i + part
    cmd = ["/usr/bin/psql", uri, "-qAtX", "-v", "ON_ERROR_STOP=1", "-f", "-"]
    for i, a in enumerate(args):
        cmd[3:3] = ["-v", "a%d=%s" % (i, a)]
    return subprocess.run(cmd, input=text + ";\n", check=True, capture_output=True,
                          text=True).stdout.strip()


class Server:
    """yorisoi-server --demo --port 0 in a temporary directory."""

    def __init__(self, *extra, demo=True, env=None, preexec=None, db=None):
        self.dir = tempfile.mkdtemp(prefix="yrs-srv-test-")
        if db is None:
            db = pg_new_database() if PG else os.path.join(self.dir, "server.db")
        self.db = db
        self.log_path = os.path.join(self.dir, "stderr.log")
        args = [server_bin(), "--port", "0", "--db", self.db, "--approve-after", "0"]
        if demo:
            args.append("--demo")
        args.extend(extra)
        full_env = dict(os.environ)
        full_env.pop("G_DEBUG", None)
        if env:
            full_env.update(env)
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log,
                                     env=full_env, preexec_fn=preexec)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("listening on "):
            raise RuntimeError("server did not start: %r" % line)
        self.url = line.split()[-1]
        self.host, port = self.url.rsplit("/", 1)[-1].rsplit(":", 1)
        self.port = int(port)
        self.staff_id = self.password = self.kiosk = None
        while True:
            line = self.proc.stdout.readline().decode().strip()
            if line == "ready" or not line:
                break
            if line.startswith("demo staff: "):
                _, _, self.staff_id, self.password = line.split(" ", 3)
            elif line.startswith("demo kiosk token: "):
                self.kiosk = line.split()[-1]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        log = self.dup_log()
        shutil.rmtree(self.dir, ignore_errors=True)
        # Under tools/sanitize.sh the server reports there.
        for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"):
            if marker in log:
                raise AssertionError("yorisoi-server: " + log[log.index(marker):][:3000])

    def dup_log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def open_fds(self):
        return len(os.listdir("/proc/%d/fd" % self.proc.pid))

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return -1

    def hwm_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return -1

    def connect(self, source=None, timeout=10):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(timeout)
        if source:
            s.bind((source, 0))
        s.connect((self.host, self.port))
        return s

    def request(self, method, path, body=None, headers=None, source=None,
                timeout=30):
        """One request on a new connection; returns (status, headers, body)."""
        s = self.connect(source, timeout)
        try:
            send_request(s, method, path, body, headers, close=True)
            return read_response(s, method)
        finally:
            s.close()


def send_request(s, method, path, body=None, headers=None, close=False):
    lines = ["%s %s HTTP/1.1" % (method, path), "Host: 127.0.0.1"]
    data = b""
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
    hdrs = list(headers or [])
    names = [h[0].lower() for h in hdrs]
    if body is not None and "content-type" not in names:
        hdrs.append(("Content-Type", "application/json"))
    if body is not None and "content-length" not in names:
        hdrs.append(("Content-Length", str(len(data))))
    if close:
        hdrs.append(("Connection", "close"))
    for name, value in hdrs:
        lines.append("%s: %s" % (name, value))
    s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + data)


def read_response(s, method="GET"):
    """Reads one response from the socket; returns (status, headers, body)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError("closed before a response head (%r)" % buf[:100])
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    if method == "HEAD" or status in (204, 304) or status < 200:
        length = 0
    while len(rest) < length:
        chunk = s.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:length]


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def run(self, name, func, *args):
        self.n += 1
        started = time.monotonic()
        try:
            func(*args)
        except Exception as e:  # noqa: BLE001 - every failure is reported
            self.failed += 1
            import traceback
            for line in traceback.format_exc().splitlines():
                print("# " + line)
            print("not ok %d - %s (%s)" % (self.n, name, e))
        else:
            print("ok %d - %s # %.1f s" % (self.n, name, time.monotonic() - started))
        sys.stdout.flush()

    def done(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)


def note(text):
    for line in str(text).splitlines():
        print("# " + line)
    sys.stdout.flush()
