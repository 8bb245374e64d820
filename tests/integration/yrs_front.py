# SPDX-License-Identifier: GPL-3.0-or-later
"""The production front for the tests (issue 15): N yorisoi-server
instances on one PostgreSQL database behind Debian 12's nginx with
data/deploy/nginx/yorisoi.conf, TLS with a certificate made here by
openssl, all on loopback; nginx runs unprivileged ("nobody" when root)
with its own prefix, pid, log and temporary directories."""

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time

import yrs_server_harness as h

DEMO_PASSWORD = "front-demo-password-1"
DEMO_KIOSK = "front-demo-kiosk-token-0123456789abcdef"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def render_conf(source, ports, listen_port, cert, key, access_log):
    """yorisoi.conf with only its "# test:" lines replaced."""
    out = []
    instances_done = False
    for line in open(source).read().splitlines():
        marker = re.search(r"# test: (\w+)", line)
        if not marker:
            out.append(line)
            continue
        what = marker.group(1)
        indent = line[:len(line) - len(line.lstrip())]
        if what == "instances":
            if not instances_done:
                for p in ports:
                    out.append("%sserver 127.0.0.1:%d max_fails=3 fail_timeout=10s;" % (indent, p))
                instances_done = True
        elif what == "listen":
            out.append("%slisten 127.0.0.1:%d ssl;" % (indent, listen_port))
        elif what == "listen6":
            pass
        elif what == "cert":
            out.append("%sssl_certificate %s;" % (indent, cert))
        elif what == "key":
            out.append("%sssl_certificate_key %s;" % (indent, key))
        elif what == "access_log":
            out.append("%saccess_log %s yorisoi;" % (indent, access_log))
        else:
            raise ValueError("unknown test marker " + what)
    return "\n".join(out) + "\n"


class Front:
    """n instances on one new database, nginx in front."""

    def __init__(self, n=3, extra=()):
        self.db = h.pg_new_database()
        self.extra = list(extra)
        self.env = {"YRS_DEMO_PASSWORD": DEMO_PASSWORD, "YRS_DEMO_KIOSK_TOKEN": DEMO_KIOSK}
        # All at once: their migrations and set-up meet in the database.
        self.servers = [None] * n
        errors = []

        def start(i):
            try:
                self.servers[i] = h.Server(*self.extra, env=self.env, db=self.db)
            except Exception as e:  # noqa: BLE001
                errors.append(e)
        threads = [threading.Thread(target=start, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            self.stop()
            raise errors[0]
        self.kiosk = DEMO_KIOSK
        self.staff_id = "staff-demo"
        self.password = DEMO_PASSWORD
        self.dir = tempfile.mkdtemp(prefix="yrs-front-")
        self.nginx = None
        self.port = None
        self._start_nginx()

    def _start_nginx(self):
        d = self.dir
        for sub in ("tmp", "logs"):
            os.makedirs(os.path.join(d, sub), exist_ok=True)
        self.cert = os.path.join(d, "front.pem")
        key = os.path.join(d, "front.key")
        if getattr(self, "port", None) is None:
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                            "-nodes", "-keyout", key, "-out", self.cert, "-days", "1",
                            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                           check=True, capture_output=True)
            self.port = free_port()
        source = os.path.join(os.environ.get("YRS_SOURCE_ROOT", "."), "data", "deploy",
                              "nginx", "yorisoi.conf")
        self.access_log = os.path.join(d, "logs", "access.log")
        with open(os.path.join(d, "yorisoi.conf"), "w") as f:
            f.write(render_conf(source, [s.port for s in self.servers], self.port,
                                self.cert, key, self.access_log))
        tmp = os.path.join(d, "tmp")
        with open(os.path.join(d, "nginx.conf"), "w") as f:
            f.write("""worker_processes 2;
pid %(d)s/nginx.pid;
error_log %(d)s/logs/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
    client_body_temp_path %(tmp)s/body;
    proxy_temp_path %(tmp)s/proxy;
    fastcgi_temp_path %(tmp)s/fastcgi;
    uwsgi_temp_path %(tmp)s/uwsgi;
    scgi_temp_path %(tmp)s/scgi;
    include %(d)s/yorisoi.conf;
}
""" % {"d": d, "tmp": tmp})
        cmd = ["/usr/sbin/nginx", "-p", d, "-e", os.path.join(d, "logs", "error.log"),
               "-c", os.path.join(d, "nginx.conf")]
        if os.getuid() == 0:
            # Unprivileged: nobody owns the prefix (the key included).
            subprocess.run(["chown", "-R", "nobody", d], check=True)
            os.chmod(os.path.dirname(d) if False else d, 0o700)
            cmd = ["runuser", "-u", "nobody", "--"] + cmd
        self.nginx = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.5).close()
                break
            except OSError:
                if self.nginx.poll() is not None:
                    raise RuntimeError("nginx: " + self.nginx.stderr.read().decode())
                time.sleep(0.1)
        else:
            raise RuntimeError("nginx did not listen")
        self.ssl = ssl.create_default_context(cafile=self.cert)

    def connection(self, timeout=30):
        return http.client.HTTPSConnection("127.0.0.1", self.port, context=self.ssl,
                                           timeout=timeout)

    def handshakes(self):
        """"N full, M resumed": the TLS handshakes in nginx's access log
        (the first request of each connection, its tls= field)."""
        full = resumed = 0
        for line in open(self.access_log):
            m = re.search(r" tls=[^/ ]*/(\S*) conn=\d+/1\b", line)
            if m:
                if m.group(1) == "r":
                    resumed += 1
                else:
                    full += 1
        return "%d full, %d resumed" % (full, resumed)

    def query(self, sql, *args):
        return h.pg_query(self.db, sql, *args)

    def stop_nginx(self):
        """The network path goes away: nginx stops, the instances and the
        database stay up. start_nginx() brings it back on the same port
        with the same certificate."""
        if getattr(self, "nginx", None) is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait()
        self.nginx = None

    def start_nginx(self):
        self._start_nginx()

    def stop(self):
        self.stop_nginx()
        for s in self.servers:
            if s is not None:
                s.stop()
        if getattr(self, "dir", None):
            shutil.rmtree(self.dir, ignore_errors=True)


class Client:
    """Keeps one connection (to the front or to an instance); JSON in and out."""

    def __init__(self, make):
        self.make = make
        self.conn = None

    def call(self, method, path, body=None, token=None, key=None, headers=None):
        """(status, headers dict, parsed body or None); raises OSError and
        http.client errors when the connection fails."""
        hdrs = dict(headers or {})
        if token:
            hdrs["Authorization"] = "Bearer " + token
        if key:
            hdrs["Idempotency-Key"] = key
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else __import__("json").dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        for attempt in range(2):
            if self.conn is None:
                self.conn = self.make()
            try:
                self.conn.request(method, path, body=data, headers=hdrs)
                r = self.conn.getresponse()
                raw = r.read()
                rh = {k.lower(): v for k, v in r.getheaders()}
                if rh.get("connection", "").lower() == "close":
                    self.close()
                parsed = None
                if raw and "json" in rh.get("content-type", ""):
                    parsed = __import__("json").loads(raw)
                return r.status, rh, parsed
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A kept-alive connection the other end closed: once more
                # on a new one (the request may not have been sent).
                self.close()
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None
