#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""data/catalog/catalog.schema.json: the bundled catalogue and the valid
seed catalogues follow it; it rejects the broken shapes it can express.
(The loader checks more: step order, what each rule reads, references.)

TAP on stdout; skipped without python3-jsonschema."""
import copy
import json
import os
import sys

top = os.environ["YRS_SOURCE_ROOT"]
try:
    import jsonschema
except ImportError:
    print("1..0 # SKIP python3-jsonschema is not installed")
    sys.exit(0)

with open(os.path.join(top, "data", "catalog", "catalog.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
with open(os.path.join(top, "data", "catalog", "kobe-2025.json"), encoding="utf-8") as f:
    kobe = json.load(f)
with open(os.path.join(top, "tests", "fuzz", "corpus", "catalog", "minimal.json"), encoding="utf-8") as f:
    minimal = json.load(f)

jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
results = []


def errors(doc):
    return [e.message for e in validator.iter_errors(doc)]


results.append(("kobe-2025.json follows the schema", not errors(kobe), "\n".join(errors(kobe))))
results.append(("the minimal seed follows the schema", not errors(minimal), "\n".join(errors(minimal))))


def broken(name, change):
    doc = copy.deepcopy(kobe)
    change(doc)
    results.append((name + " is rejected", bool(errors(doc)), ""))


broken("negative money", lambda d: d["programmes"][0]["params"]["amount_yen"][0].update(value=-1))
broken("negative facility fee", lambda d: d["facilities"][0]["kinds"][0].update(fee_yen=-1))
broken("missing translation", lambda d: d["programmes"][1]["title"].pop("en"))
broken("empty translation", lambda d: d["questions"][0]["text"].update(ja=""))
broken("bad step date", lambda d: d["programmes"][3]["params"]["fee_yen"][0].update({"from": "R7.4.1"}))
broken("unknown rule", lambda d: d["programmes"][4].update(rule="magic"))
broken("unknown member", lambda d: d["programmes"][0].update(titel={"ja": "x", "en": "x"}))
broken("applyable without form", lambda d: d["programmes"][0].pop("form"))
broken("no steps", lambda d: d["programmes"][3]["params"].update(fee_yen=[]))
broken("string value", lambda d: d["programmes"][3]["params"]["fee_yen"][0].update(value="1600"))
broken("unknown care kind", lambda d: d["facilities"][0]["kinds"][0].update(kind="overnight"))
broken("bad postal prefix", lambda d: d["wards"][0]["postal_prefixes"].append("65-1"))
broken("wrong format", lambda d: d.update(format=2))

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        for line in detail.splitlines()[:10]:
            print(f"# {line}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
