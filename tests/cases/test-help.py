#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every yorisoi-cli command, yorisoi-server and each of its admin commands answer --help and -h with
their usage on stdout and exit status 0 (issue 22). The commands are taken
from `yorisoi-cli --help`, so a new one is checked without editing this.

usage: test-help.py YORISOI-CLI YORISOI-SERVER  (TAP on stdout)
"""
import re
import subprocess
import sys

cli, server = sys.argv[1], sys.argv[2]
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def run(*argv):
    # No HOME-dependent side effects: every help exits before opening
    # anything, and stdin is closed.
    return subprocess.run(list(argv), capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL)


def check_help(name, argv, needle):
    p = run(*argv)
    check(f"{name}: exit 0, usage on stdout, nothing on stderr",
          p.returncode == 0 and needle in p.stdout and p.stderr == "",
          f"rc={p.returncode}\nstdout={p.stdout[:300]!r}\nstderr={p.stderr[:300]!r}")
    return p


top = None
for flag in ("--help", "-h", "help"):
    p = check_help(f"yorisoi-cli {flag}", [cli, flag], "usage: yorisoi-cli COMMAND")
    top = top or p

commands = re.findall(r"^  yorisoi-cli (\S+)", top.stdout, re.M)
check("yorisoi-cli --help lists check, catalog, outbox and sync",
      {"check", "catalog", "outbox", "sync"} <= set(commands), top.stdout)

for command in commands:
    for argv in ([command, "--help"], [command, "-h"], ["help", command]):
        check_help("yorisoi-cli " + " ".join(argv), [cli, *argv], f"yorisoi-cli {command} [OPTION")

# catalog's only action is lint: its help is there too.
check_help("yorisoi-cli catalog lint --help", [cli, "catalog", "lint", "--help"], "lint FILE")

# Still an error: no command, an unknown one.
for argv in ([], ["nope"], ["help", "nope"]):
    p = run(cli, *argv)
    check(f"yorisoi-cli {' '.join(argv) or '(nothing)'}: exit 2, usage on stderr",
          p.returncode == 2 and "usage: yorisoi-cli" in p.stderr and p.stdout == "",
          f"rc={p.returncode} stdout={p.stdout[:200]!r}")

for flag in ("--help", "-h"):
    check_help(f"yorisoi-server {flag}", [server, flag], "yorisoi-server [OPTION")

# The server's subcommands (`yorisoi-server admin …`), from its own help.
admin = check_help("yorisoi-server admin --help", [server, "admin", "--help"], "admin COMMAND")
admin_commands = re.findall(r"^  ([a-z][a-z-]+)\s{2,}", admin.stdout.split("Commands:", 1)[-1].split("\n\n", 1)[0], re.M)
check("yorisoi-server admin --help lists its commands",
      {"add-staff", "disable-staff", "list-staff", "add-device", "revoke-device", "rotate-secret"} <= set(admin_commands),
      admin.stdout)
for command in admin_commands:
    for flag in ("--help", "-h"):
        check_help(f"yorisoi-server admin {command} {flag}", [server, "admin", command, flag], command)

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:10]:
            print(f"# {line}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
