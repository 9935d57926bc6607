#!/usr/bin/env python3
"""The tables of run_realbugs.sh: what each run's trace says, and what `csptrace check` said.

Usage: tables.py RUNS.tsv KERNELS.txt RESULTS.tsv [--verify]

RUNS.tsv (written by run_realbugs.sh): kernel, variant (bug | fixed), mode (seed | pool | cut),
run, exit, the trace as JSON Lines, the `csptrace check --json` output, whether the trace
validated (cut runs). Writes RESULTS.tsv (one line per run: the end of the trace, whether the
bug manifested, the stuck processes, the verdict) and prints Markdown tables.

The verdict of a run is the highest severity among its findings (none: no finding). "as
expected" counts the manifesting runs whose verdict is the one kernels.txt expects once the
analysis is right (bug; cut: error or warning).

With --verify it also exits 1, listing the runs, when a manifesting buggy run (or a cut one) has
a verdict kernels.txt does not expect, when a fixed run (or a cut one) has an error or a
warning, or when a run's exit or trace is unexpected: the ctest realbugs.verdicts.
"""
import csv
import json
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from end_state import end_state  # noqa: E402

SEV = ["error", "warning", "info", "none"]
RANK = {"error": 3, "warning": 2, "info": 1}


def verdict(check_json):
    try:
        with open(check_json, encoding="utf-8") as f:
            findings = json.load(f)["findings"]
    except (OSError, ValueError, KeyError):
        return "unreadable", []
    sev = max((x["severity"] for x in findings), key=lambda s: RANK.get(s, 0), default="none")
    return sev, sorted({x["kind"] for x in findings})


def load(runs_path, results_path):
    rows = []
    with open(runs_path, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            try:
                st = end_state(r["trace"])
            except OSError:
                st = {"end": "unreadable", "manifested": False, "stuck": []}
            r["end"] = st["end"]
            r["manifested"] = st["manifested"]
            r["stuck"] = ",".join(st["stuck"]) or "-"
            r["severity"], r["kinds"] = verdict(r["check"])
            rows.append(r)
    with open(results_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["kernel", "variant", "mode", "run", "exit", "end", "manifested", "stuck",
                    "severity", "kinds", "valid"])
        for r in rows:
            w.writerow([r["kernel"], r["variant"], r["mode"], r["run"], r["exit"], r["end"],
                        r["manifested"], r["stuck"], r["severity"], ",".join(r["kinds"]) or "-",
                        r["valid"]])
    return rows


def counts(rs):
    c = Counter(r["severity"] for r in rs)
    return "/".join(str(c.get(s, 0)) for s in SEV)


def kinds(rs):
    c = Counter(k for r in rs for k in r["kinds"])
    return ", ".join(f"{k} {n}" for k, n in sorted(c.items())) or "-"


def summary(label, c):
    print(f"- {label}: {sum(c.values())} runs: error {c['error']}, warning {c['warning']}, "
          f"info {c['info']}, none {c['none']}")


def main():
    verify = "--verify" in sys.argv[4:]
    if len(sys.argv) not in (4, 5) or (len(sys.argv) == 5 and not verify):
        sys.exit(__doc__)
    rows = load(sys.argv[1], sys.argv[3])
    meta = {}
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            if line[:1].isalpha():
                x = line.split()
                meta[x[0]] = {"class": x[1], "scope": x[2], "bug": x[3].split("/"),
                              "fixed": x[4].split("/"), "cut": x[5].split("/")}
    order = [k for k in meta if any(r["kernel"] == k for r in rows)]

    def pick(k, variant, modes):
        return [r for r in rows if r["kernel"] == k and r["variant"] == variant and r["mode"] in modes]

    print("Verdict counts are error/warning/info/none: the highest severity among a run's findings.\n")
    print("### Buggy and fixed runs (deterministic seeds and pool; ended normally or by the runtime's deadlock)\n")
    print("| kernel | class | scope | bug runs | manifested | manifested: e/w/i/n | as expected | kinds (manifested runs) "
          "| not manifested: e/w/i/n | fixed runs | fixed manifested | fixed: e/w/i/n | kinds (fixed) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    tot = defaultdict(Counter)
    for k in order:
        b = pick(k, "bug", ("seed", "pool"))
        bm = [r for r in b if r["manifested"]]
        bn = [r for r in b if not r["manifested"]]
        f = pick(k, "fixed", ("seed", "pool"))
        fm = [r for r in f if r["manifested"]]
        scope = meta[k]["scope"]
        for r in bm:
            tot[scope][r["severity"]] += 1
            tot["all"][r["severity"]] += 1
        for r in f:
            tot["fixed"][r["severity"]] += 1
        ok = sum(r["severity"] in meta[k]["bug"] for r in bm)
        print(f"| {k} | {meta[k]['class']} | {scope} | {len(b)} | {len(bm)} | {counts(bm)} | {ok}/{len(bm)} | {kinds(bm)} "
              f"| {counts(bn)} | {len(f)} | {len(fm)} | {counts(f)} | {kinds(f)} |")
    print()
    summary("all manifesting buggy runs", tot["all"])
    summary("manifesting buggy runs, global deadlocks", tot["global"])
    summary("manifesting buggy runs, partial deadlocks", tot["partial"])
    summary("fixed runs", tot["fixed"])

    cut_rows = [r for r in rows if r["mode"] == "cut"]
    if cut_rows:
        print("\n### Runs with --hold on the pool, cut with SIGKILL once quiet (binary trace)\n")
        print("| kernel | scope | bug runs | ended by itself | killed | valid | manifested "
              "| manifested: e/w/i/n | as expected | kinds (manifested) | fixed runs | fixed valid | fixed: e/w/i/n | kinds (fixed) |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        ctot = defaultdict(Counter)
        for k in order:
            c = pick(k, "bug", ("cut",))
            cm = [r for r in c if r["manifested"]]
            fc = pick(k, "fixed", ("cut",))
            killed = sum(r["exit"] == "killed" for r in c)
            scope = meta[k]["scope"]
            for r in cm:
                ctot[scope][r["severity"]] += 1
            for r in fc:
                ctot["fixed"][r["severity"]] += 1
            ok = sum(r["severity"] in meta[k]["cut"] for r in cm)
            print(f"| {k} | {scope} | {len(c)} | {len(c) - killed} | {killed} "
                  f"| {sum(r['valid'] == 'yes' for r in c)} | {len(cm)} | {counts(cm)} | {ok}/{len(cm)} | {kinds(cm)} "
                  f"| {len(fc)} | {sum(r['valid'] == 'yes' for r in fc)} | {counts(fc)} | {kinds(fc)} |")
        print()
        summary("manifesting cut runs, partial deadlocks", ctot["partial"])
        summary("manifesting cut runs, global deadlocks (ended by the runtime before the kill)", ctot["global"])
        summary("fixed cut runs", ctot["fixed"])

    odd = [r for r in rows if r["exit"] not in ("0", "killed") or r["valid"] == "no"
           or r["end"] == "unreadable" or r["severity"] == "unreadable"]
    if odd:
        print("\nRuns to look at (unexpected exit status, an invalid or unreadable trace):")
        for r in odd:
            print(f"- {r['kernel']} {r['variant']} {r['mode']} {r['run']}: exit {r['exit']}, "
                  f"valid {r['valid']}, end {r['end']}, verdict {r['severity']}")
    if verify:
        wrong = []
        for r in rows:
            want = None
            if r["variant"] == "bug" and r["manifested"]:
                want = meta[r["kernel"]]["cut" if r["mode"] == "cut" else "bug"]
            elif r["variant"] == "fixed":
                want = ["info", "none"] if r["mode"] == "cut" else ["none"]
            if want is not None and r["severity"] not in want:
                wrong.append(r)
        for r in wrong:
            print(f"WRONG VERDICT {r['kernel']} {r['variant']} {r['mode']} {r['run']}: "
                  f"{r['severity']} ({','.join(r['kinds']) or 'no finding'}), trace {r['trace']}")
        if wrong or odd:
            sys.exit(1)
        print(f"\nverified: {len(rows)} runs, every verdict as kernels.txt expects")


if __name__ == "__main__":
    main()
