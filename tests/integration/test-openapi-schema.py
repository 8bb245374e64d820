#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""data/api/openapi.yaml against the official OpenAPI 3.0 JSON Schema,
with an outside validator (python3-jsonschema, Draft 4 as the schema
declares), the whole document and not only its routes (test-contract.c
compares those with the server).

The schema is vendored, no network at test time:
  tests/integration/oas-3.0-schema-2024-10-18.json
  = https://spec.openapis.org/oas/3.0/schema/2024-10-18, taken on
  2026-12-04 from the OAI/OpenAPI-Specification repository (tag
  old-gh-pages, commit e265fb23f446, file oas/3.0/schema/2024-10-18).

Also checked, since the schema lets them pass: no mapping key ends in
". " style text (a flow-style description with a comma splits into a
stray key), and every description is a string."""

import json
import os
import sys

import jsonschema
import yaml

here = os.path.dirname(os.path.abspath(__file__))
top = os.environ.get("YRS_SOURCE_ROOT", os.path.join(here, "..", ".."))


def main():
    n = 0
    failed = 0

    def result(ok, name, detail=""):
        nonlocal n, failed
        n += 1
        if not ok:
            failed += 1
            for line in detail.splitlines():
                print("# " + line)
        print("%s %d - %s" % ("ok" if ok else "not ok", n, name))

    with open(os.path.join(top, "data", "api", "openapi.yaml"), encoding="utf-8") as f:
        document = yaml.safe_load(f)
    with open(os.path.join(here, "oas-3.0-schema-2024-10-18.json"), encoding="utf-8") as f:
        schema = json.load(f)

    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    result(not errors, "openapi.yaml is a valid OpenAPI 3.0 document",
           "\n".join("%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:300])
                     for e in errors[:20]))

    stray = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and not isinstance(value, str):
                    stray.append("%s/description is not text" % path)
                if isinstance(key, str) and key not in ("example",) and value is None \
                        and (" " in key or key.endswith(".")):
                    stray.append("%s: stray key %r (a flow-style text with a comma?)"
                                 % (path, key))
                walk(value, "%s/%s" % (path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, "%s/%d" % (path, i))

    walk(document, "")
    result(not stray, "no description split into stray keys", "\n".join(stray))
    print("1..%d" % n)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
