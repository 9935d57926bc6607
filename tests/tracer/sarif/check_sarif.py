#!/usr/bin/env python3
"""`csptrace check --format sarif` against the published SARIF 2.1.0 JSON schema.

For every finding fixture: the log validates against OASIS's schema (sarif-2.1.0-rtm.5.json, as
published in the npm package @microsoft/jest-sarif, fetched from the npm registry once and
checked against its SHA-256), has one result per finding of `check --json` with the finding's
kind as its rule id and its explanation as the message, and puts each result on the finding's
source lines.

usage: check_sarif.py CSPTRACE FIXTURES_DIR CACHE_DIR
"""
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import urllib.request

TARBALL = "https://registry.npmjs.org/@microsoft/jest-sarif/-/jest-sarif-1.0.0-beta.0.tgz"
SHA256 = "748e2c3d1a842e7bb258416685c7ea3a0da40005b72267b2052c2856d48ad102"
MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"


def schema(cache_dir):
    path = os.path.join(cache_dir, "sarif-2.1.0-rtm.5.json")
    if not os.path.exists(path):
        try:
            data = urllib.request.urlopen(TARBALL, timeout=60).read()
        except OSError as e:
            sys.exit(f"could not fetch the SARIF schema from the npm registry ({TARBALL}): {e}; "
                     f"put sarif-2.1.0-rtm.5.json into {cache_dir} by hand to run offline")
        digest = hashlib.sha256(data).hexdigest()
        if digest != SHA256:
            sys.exit(f"{TARBALL} has SHA-256 {digest}, expected {SHA256}: refusing it")
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            text = tar.extractfile(MEMBER).read()
        os.makedirs(cache_dir, exist_ok=True)
        with open(path, "wb") as f:
            f.write(text)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def run(csptrace, *args):
    p = subprocess.run([csptrace, "check", *args], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"csptrace check {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return json.loads(p.stdout)


def main():
    csptrace, fixtures, cache = sys.argv[1:4]
    import jsonschema  # Debian's python3-jsonschema
    validator = jsonschema.Draft7Validator(schema(cache))
    names = sorted(n for n in os.listdir(fixtures)
                   if n.endswith(".jsonl") and n.startswith(("finding-", "nearmiss-")))
    checked = results = 0
    for name in names:
        path = os.path.join(fixtures, name)
        log = run(csptrace, "--format", "sarif", path)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        if errors:
            sys.exit(f"{name}: the SARIF log does not validate: {errors[0].message} "
                     f"at {'/'.join(map(str, errors[0].path))}")
        findings = run(csptrace, "--format", "json", path)["findings"]
        got = log["runs"][0]["results"]
        rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
        if len(got) != len(findings):
            sys.exit(f"{name}: {len(got)} results for {len(findings)} findings")
        for r, f in zip(got, findings):
            if r["ruleId"] != f["kind"] or rules[r["ruleIndex"]] != f["kind"]:
                sys.exit(f"{name}: result for {f['kind']} has rule {r['ruleId']}")
            if r["message"]["text"] != f["explanation"]:
                sys.exit(f"{name}: the message of {f['kind']} is not its explanation")
            lines = [f"{l['physicalLocation']['artifactLocation']['uri']}:"
                     f"{l['physicalLocation']['region']['startLine']}"
                     for l in r.get("locations", [])]
            if lines != f["locations"]:
                sys.exit(f"{name}: {f['kind']} is on {lines}, the finding says {f['locations']}")
        checked += 1
        results += len(got)
    if checked < 10 or results < 10:
        sys.exit(f"only {checked} fixtures and {results} results: the check is not reading them")
    print(f"{checked} fixtures, {results} results: valid SARIF 2.1.0, one result per finding")


if __name__ == "__main__":
    main()
