#!/usr/bin/env python3
"""A deadlocking run against one that is not: the deadlock is an outcome difference, and the
scheduler decision where the runs part is named.

    diff_outcome.py CSPTRACE PHILOSOPHERS BANK_TRANSFER OUT

- philosophers --deadlock against philosophers (samples/philosophers/README.md: the naive
  protocol deadlocks under every seed, the default one never does). These are the same binary
  with another protocol, so diff also says the programs differ (the naive one has a `table`).
- bank_transfer with a seed that deadlocks against one that does not (samples/bank_transfer: a
  rare deadlock; the seeds are found with `csptrace check`). The same program: the decision diff
  names must be the first `decide` line that differs in `csptrace print --no-time` of the two.
"""
import json
import os
import re
import subprocess
import sys


def run(cmd, ok=(0,)):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if r.returncode not in ok:
        sys.exit("%s\nexited %d\n%s\n%s" % (" ".join(cmd), r.returncode, r.stdout[-3000:], r.stderr[-3000:]))
    return r


def expect(cond, what, report):
    if not cond:
        sys.exit("%s\n%s" % (what, json.dumps(report, indent=1)[:6000]))


def diff(csptrace, a, b):
    r = run([csptrace, "diff", "--json", a, b], ok=(1,))
    return json.loads(r.stdout)


def deadlock_found(report, name):
    kinds = [f["kind"] for f in report["outcome"]["only_a"]]
    expect("global-deadlock" in kinds, name + ": the deadlock is not an outcome of A only", report)
    expect(report["outcome"]["end_a"] == "deadlock" and report["outcome"]["end_b"] == "normal",
           name + ": A should end in deadlock and B normally", report)
    d = report["decisions"]
    expect(d["parted"] and d["chose_a"] and d["chose_b"] and
           ("the runs part at decision %d: run A %s" % (d["decision"], d["chose_a"])) in d["text"],
           name + ": the decision where the runs part is not named", report)


def decide_lines(csptrace, path):
    out = run([csptrace, "print", "--no-time", path]).stdout.splitlines()
    return [(int(l.split()[0]), re.sub(r"^ *\d+ +", "", l)) for l in out if "  decide " in l]


def main():
    csptrace, philosophers, bank, out = sys.argv[1:5]
    os.makedirs(out, exist_ok=True)
    naive, fair = os.path.join(out, "phil-deadlock.jsonl"), os.path.join(out, "phil.jsonl")
    run([philosophers, "--deadlock", "--seed", "1", "--trace", naive])
    run([philosophers, "--seed", "1", "--trace", fair])
    report = diff(csptrace, naive, fair)
    deadlock_found(report, "philosophers --deadlock against philosophers")
    phil_decision = report["decisions"]["decision"]
    expect(report["match"]["only_a"] == ["table"] and
           report["match"]["text"].startswith("the programs differ: A has 7 processes, B 6; matched 6"),
           "the naive philosophers' table should be named as a process of A only", report)

    seeds = {}
    for seed in range(1, 400):
        path = os.path.join(out, "bank-%d.jsonl" % seed)
        run([bank, "--seed", str(seed), "--trace", path])
        rc = run([csptrace, "check", path], ok=(0, 1)).returncode
        seeds.setdefault(rc, (seed, path))
        if len(seeds) == 2:
            break
    if len(seeds) < 2:
        sys.exit("bank_transfer: no seed in 1..399 %s" % ("deadlocks" if 0 in seeds else "runs clean"))
    (_, hung), (_, clean) = seeds[1], seeds[0]
    report = diff(csptrace, hung, clean)
    deadlock_found(report, "bank_transfer, seed %d against seed %d" % (seeds[1][0], seeds[0][0]))
    da, db = decide_lines(csptrace, hung), decide_lines(csptrace, clean)
    k = 0
    while k < min(len(da), len(db)) and da[k][1] == db[k][1]:
        k += 1
    d = report["decisions"]
    expect(d["decision"] == k + 1 and d["event_a"] == da[k][0] and d["event_b"] == db[k][0],
           "bank_transfer: print's first differing decide line is decision %d (A event %d, B event %d)"
           % (k + 1, da[k][0], db[k][0]), report)
    print("philosophers: deadlock in A only, part at decision %d; bank_transfer seeds %d/%d: part at decision %d"
          % (phil_decision, seeds[1][0], seeds[0][0], k + 1))


if __name__ == "__main__":
    main()
