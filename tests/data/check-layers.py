#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The layers of ARCHITECTURE.md, checked on the sources (TAP).

Pages and widgets only show and ask: no file under src/pages or
src/widgets includes a header of the store, the sync engine or the API
client, or calls their functions; no page runs a timer (a flow's signal
or property says when something changed). src/flows, src/ime and src/core know
nothing of GTK. src/core knows nothing of SQLite or HTTP either.

The link-level separation (yrs-pages does not link yrs-store or
yrs-sync) makes the compiler refuse most of this; this check also
catches a header included through a path the build happens to allow.

    check-layers.py SOURCE_ROOT
"""

import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+[<"]([^>"]+)[>"]', re.M)

# (folder, what it must not include, what it must not call, why)
RULES = [
    ("src/pages",
     re.compile(r"^(yrs-store[a-z-]*|yrs-sync[a-z-]*|yrs-api-client|sqlite3|libsoup/.*)\.h$"),
     re.compile(r"\b(yrs_store_|yrs_sync_engine_|yrs_api_client_|sqlite3_|soup_)\w*\s*\("),
     "pages bind to flows; only flows reach the store, the sync engine and the network"),
    ("src/widgets",
     re.compile(r"^(yrs-store[a-z-]*|yrs-sync[a-z-]*|yrs-api-client|sqlite3|libsoup/.*)\.h$"),
     re.compile(r"\b(yrs_store_|yrs_sync_engine_|yrs_api_client_|sqlite3_|soup_)\w*\s*\("),
     "widgets only show and ask"),
    ("src/flows",
     re.compile(r"^(gtk/.*|adwaita|yrs-[a-z-]*-page|yrs-window|yrs-shell)\.h$"),
     re.compile(r"\b(gtk_|adw_)\w*\s*\("),
     "flows are view models without widgets, testable headless"),
    ("src/ime",
     re.compile(r"^(gtk/.*|adwaita|sqlite3|libsoup/.*|yrs-store[a-z-]*|yrs-sync[a-z-]*)\.h$"),
     re.compile(r"\b(gtk_|adw_|sqlite3_|soup_)\w*\s*\("),
     "the input engines are GTK-free, owned by the session, wiped with it"),
    ("src/core",
     re.compile(r"^(gtk/.*|adwaita|sqlite3|libsoup/.*|yrs-store[a-z-]*|yrs-sync[a-z-]*|yrs-api[a-z-]*)\.h$"),
     re.compile(r"\b(gtk_|adw_|sqlite3_|soup_)\w*\s*\("),
     "core rules are pure functions of catalogue, answers and date"),
]

TIMER = re.compile(r"\bg_timeout_add(_seconds)?(_full)?\s*\(")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def headers_of(top, *folders):
    """The headers that live in these folders, as an include names them."""
    names = {p.name for f in folders for p in (top / f).glob("*.h")}
    return re.compile("^(" + "|".join(re.escape(n) for n in sorted(names)) + ")$") if names else None


def main():
    top = pathlib.Path(sys.argv[1])
    checks = []
    # The store's and the sync engine's own headers, by name, and the
    # old bridge that let pages include them.
    lower = headers_of(top, "src/store", "src/sync")
    for folder, bad_include, bad_call, why in RULES:
        if folder in ("src/pages", "src/widgets"):
            bad_include = re.compile(r"^(yrs-store-ui\.h|sqlite3\.h|libsoup/.*)$|" + lower.pattern)
        for path in sorted((top / folder).glob("*.[ch]")):
            text = path.read_text(encoding="utf-8")
            code = strip_comments(text)
            problems = [f"includes {h}" for h in INCLUDE.findall(text) if bad_include.match(h)]
            problems += [f"calls {m.group(0).rstrip('( ')}" for m in bad_call.finditer(code)]
            if folder == "src/pages" and TIMER.search(code):
                problems.append("runs a timer")
            checks.append((f"{path.relative_to(top)}: {why}", problems))

    print(f"1..{len(checks)}")
    failed = 0
    for i, (name, problems) in enumerate(checks, 1):
        if problems:
            failed += 1
            print(f"not ok {i} - {name}")
            for p in sorted(set(problems)):
                print(f"# {p}")
        else:
            print(f"ok {i} - {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
