#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""yorisoi-cli check and catalog lint: output, languages, exit statuses.

usage: test-cli.py YORISOI-CLI  (TAP on stdout)
"""
import json
import os
import subprocess
import sys
import tempfile

cli = sys.argv[1]
top = os.environ["YRS_SOURCE_ROOT"]
catalog = os.path.join(top, "data", "catalog", "kobe-2025.json")
tmp = tempfile.mkdtemp(prefix="yrs-cli-")
results = []


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def run(*args, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    return subprocess.run([cli, *args], capture_output=True, text=True, env=e, timeout=60)


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


twins = write("twins.json", json.dumps({
    "residence.in_city": True, "pregnancy.status": "born", "birth.born_on": "2025-03-20",
    "birth.children": 2, "need.declared": True}))

# JSON output
p = run("check", "--answers", twins, "--as-of", "2025-04-15", "--json", "--lang", "en")
check("check --json exits 0", p.returncode == 0, p.stderr)
out = json.loads(p.stdout) if p.returncode == 0 else {}
check("as_of", out.get("as_of") == "2025-04-15")
by_id = {r["programme"]: r for r in out.get("results", [])}
for r in out.get("results", []):
    missing = {"programme", "status", "amount_yen", "fee_yen", "reduction_yen", "from", "until", "reasons"} - set(r)
    if missing:
        check("result members", False, str(missing))
        break
else:
    check("result members", bool(out.get("results")))
check("birth payment 100,000", by_id.get("support_payment_birth", {}).get("amount_yen") == 100000)
check("postpartum care until 2026-03-19", by_id.get("postpartum_care", {}).get("until") == "2026-03-19")
reasons = by_id.get("support_payment_birth", {}).get("reasons", [])
check("reasons have code, params, text",
      reasons and all({"code", "params", "text"} <= set(x) for x in reasons), json.dumps(reasons))
check("reason params", reasons and reasons[0]["params"].get("count") == 2)
check("reason text in English", reasons and "¥100,000" in reasons[0]["text"], json.dumps(reasons))

# People-readable, both languages, also under LANG=C
p = run("check", "--answers", twins, "--as-of", "2025-04-15", "--lang", "ja")
check("check --lang ja exits 0", p.returncode == 0, p.stderr)
check("Japanese text", "対象です" in p.stdout and "100,000円" in p.stdout and "令和7年4月15日" in p.stdout, p.stdout[:400])
p = run("check", "--answers", twins, "--as-of", "2025-04-15", "--lang", "ja", env={"LANG": "C", "LC_ALL": "C", "LANGUAGE": ""})
check("Japanese under LANG=C", p.returncode == 0 and "対象です" in p.stdout, p.stdout[:200] + p.stderr)
p = run("check", "--answers", twins, "--as-of", "2025-04-15", "--lang", "en")
check("English text", p.returncode == 0 and "Eligible: ¥100,000" in p.stdout and "15 April 2025" in p.stdout, p.stdout[:400])
p = run("check", "--answers", twins, "--as-of", "2025-04-15", "--catalog", catalog, "--json")
check("--catalog FILE", p.returncode == 0 and json.loads(p.stdout)["catalog"] == "kobe-2025", p.stderr)

# Bad input: exit 2 and one line on stderr naming the problem
broken_catalog = write("broken.json", open(catalog, encoding="utf-8").read().replace(
    '"amount_yen": [ { "from": "2022-04-01", "value": 50000 } ]',
    '"amount_yen": [ { "from": "2022-04-01", "value": -50000 } ]'))
bad = [
    ("no --answers", ["check"], "--answers"),
    ("missing answers file", ["check", "--answers", os.path.join(tmp, "nope.json")], "nope.json"),
    ("answers not JSON", ["check", "--answers", write("bad.json", "{")], "not valid JSON"),
    ("answers not an object", ["check", "--answers", write("arr.json", "[]")], "expected a JSON object"),
    ("unknown question", ["check", "--answers", write("unk.json", '{"favourite.colour": "blue"}')], "favourite.colour"),
    ("answer of the wrong type", ["check", "--answers", write("wt.json", '{"residence.in_city": "yes"}')], "residence.in_city"),
    ("bad --as-of", ["check", "--answers", twins, "--as-of", "2025-02-30"], "--as-of"),
    ("far --as-of", ["check", "--answers", twins, "--as-of", "9999-01-01"], "--as-of"),
    ("bad --lang", ["check", "--answers", twins, "--lang", "fr"], "--lang"),
    ("extra argument", ["check", "--answers", twins, "surplus"], "surplus"),
    ("broken --catalog", ["check", "--answers", twins, "--catalog", broken_catalog],
     "$.programmes[0].params.amount_yen[0].value: negative money"),
    ("lint a broken catalogue", ["catalog", "lint", broken_catalog], "negative money"),
    # Issue 19: what json-glib would resolve silently is refused.
    ("repeated answer", ["check", "--answers", write("dup.json", '{"residence.in_city": true, "residence.in_city": false}')],
     "residence.in_city: answered more than once"),
    ("repeated answer, escaped the second time", ["check", "--answers",
     write("dup2.json", '{"residence.in_city": true, "residence.in_cit\\u0079": false}')],
     "residence.in_city: answered more than once"),
    ("NUL in an answer, the whole text quoted", ["check", "--answers",
     write("nul.json", '{"pregnancy.status": "preg\\u0000nant"}')],
     "pregnancy.status: “preg\\u0000nant” holds \\u0000"),
    ("integer beyond 64 bits", ["check", "--answers", write("big.json", '{"pregnancy.fetuses": 99999999999999999999}')],
     "pregnancy.fetuses: 99999999999999999999 is an integer beyond 64 bits"),
    ("negative integer beyond 64 bits", ["check", "--answers", write("big2.json", '{"pregnancy.fetuses": -9223372036854775809}')],
     "-9223372036854775809 is an integer beyond 64 bits"),
    ("repeated key in a catalogue", ["catalog", "lint", write("dupcat.json", open(catalog, encoding="utf-8").read().replace(
     '"format": 1,', '"format": 1, "format": 1,', 1))], "$.format: repeated key"),
    ("lint a missing file", ["catalog", "lint", os.path.join(tmp, "nope.json")], "nope.json"),
    ("catalog without lint", ["catalog"], "lint"),
    ("lint without a file", ["catalog", "lint"], "FILE"),
]
for name, args, needle in bad:
    p = run(*args)
    lines = p.stderr.strip().splitlines()
    check(name + ": exit 2, one line", p.returncode == 2 and len(lines) == 1 and lines[0].startswith("yorisoi-cli: ")
          and needle in lines[0] and p.stdout == "", f"rc={p.returncode} stderr={p.stderr!r}")

p = run("catalog", "lint", catalog)
check("lint the bundled catalogue", p.returncode == 0 and ": ok (kobe-2025" in p.stdout, p.stdout + p.stderr)

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:10]:
            print(f"# {line}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
