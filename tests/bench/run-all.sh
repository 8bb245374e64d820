#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs every benchmark registered in tests/bench/meson.build (benchmark())
# under Xvfb and a D-Bus session, and prints one Markdown table with the
# date and the machine, ready for the README.
#
#   tests/bench/run-all.sh [NAME...]     only the named benchmarks
#
# YRS_BUILD_DIR picks the build tree (default: build). Each program's
# stderr goes to <build>/meson-logs/bench-<name>.log.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
build=${YRS_BUILD_DIR:-build}

sudo=
if [ "$(id -u)" != 0 ]; then sudo=sudo; fi

# Chromium is what a city would deploy instead (bench-kiosk-memory.py);
# only the benchmarks need it, so it is installed here, not by tools/dev.sh.
if ! command -v chromium > /dev/null; then
  echo "Installing chromium for the kiosk comparison" >&2
  $sudo apt-get update -q >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >&2
fi

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=debugoptimized >&2
fi
meson compile -C "$build" >&2

meson introspect --benchmarks "$build" > "$build/meson-logs/benchmarks.json"

# The table goes to a file first: the session's helpers (D-Bus, AT-SPI)
# write to the same stdout.
table="$build/meson-logs/bench-table.md"
status=0
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  python3 - "$build" "$table" "$@" > "$build/meson-logs/bench-session.log" 2>&1 <<'PY' || status=$?
import datetime, json, os, platform, subprocess, sys

build = sys.argv[1]
table = open(sys.argv[2], "w", encoding="utf-8")
wanted = set(sys.argv[3:])
with open(os.path.join(build, "meson-logs", "benchmarks.json"), encoding="utf-8") as f:
    benchmarks = json.load(f)

def machine():
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        mem_kib = int(f.readline().split()[1])
    distro = "Linux"
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    distro = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, {mem_kib / 1024 / 1024:.0f} GiB RAM, "
            f"{distro}, kernel {platform.release()}")

with open("/proc/loadavg", encoding="ascii") as f:
    load_at_start = " ".join(f.read().split()[:3])

rows = []
failed = 0
for b in benchmarks:
    name = b["name"]
    if wanted and name not in wanted:
        continue
    env = dict(os.environ)
    env.update(b.get("env") or {})
    log = os.path.join(build, "meson-logs", f"bench-{name}.log")
    print(f"running {name} ...", flush=True)
    with open(log, "w", encoding="utf-8") as err:
        try:
            p = subprocess.run(b["cmd"], env=env, cwd=b.get("workdir") or build,
                               stdout=subprocess.PIPE, stderr=err, text=True,
                               timeout=b.get("timeout") or 900)
            out, rc = p.stdout, p.returncode
        except subprocess.TimeoutExpired as e:
            out, rc = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or ""), "timeout"
    for line in out.splitlines():
        if not line.strip():
            continue
        # "bench" (or any label) TAB measure TAB value TAB unit TAB target,
        # or the same without the label.
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) >= 5:
            rows.append((name, parts[1], parts[2], parts[3], parts[4] or "-"))
        elif len(parts) == 4:
            rows.append((name, parts[0], parts[1], parts[2], parts[3] or "-"))
        else:
            rows.append((name, line.strip(), "", "", "-"))
    if rc == 77:
        rows.append((name, "skipped (see " + log + ")", "", "", "-"))
    elif rc != 0:
        failed += 1
        rows.append((name, f"FAILED (exit {rc}, see {log})", "", "", "-"))

def cell(s):
    return str(s).replace("|", "\\|")

print(f"Run on {datetime.date.today().isoformat()}: {machine()}; "
      f"Xvfb 1280x800, software rendering (no GPU); load average {load_at_start} "
      "when it started.", file=table)
print(file=table)
print("| benchmark | measure | value | unit | target |", file=table)
print("|---|---|---:|---|---|", file=table)
for r in rows:
    print("| " + " | ".join(cell(c) for c in r) + " |", file=table)
table.close()
sys.exit(1 if failed else 0)
PY
cat "$table"
exit $status
