#!/usr/bin/env python3
"""Runs one sample under pairs of seeds and checks `csptrace diff` against `csptrace print`.

    diff_seeds.py CSPTRACE SAMPLE OUT PAIRS [-- SAMPLE ARGS...]

For the seeds 1..PAIRS: the sample run twice with seed s must diff as equivalent (exit 0; only
seeds 1..3, the rest repeat the same check). For each pair (s, s + 1000): `csptrace diff --json`
must exit 0 or 1, and its first divergence must be the one this script finds on its own in the
two runs' `csptrace print --no-time` output: the process whose own steps first differ, at the
event numbers print shows. Exit 0 means equivalent, so then print must show no differing
process. The rule for a process's own steps is docs/diff.md's, applied here to printed lines:
the oracle shares no code with the library.
"""
import json
import os
import re
import subprocess
import sys

# Every field key `csptrace print` writes (csptrace schema): a line is split before each of them.
KEYS = ("proc chan partner from to name mode buffer cap op value level via alt index ready rule "
        "duration status message label reason loc role decision options").split()
SPLIT = re.compile(r" (?=(?:%s)=)" % "|".join(KEYS))
EVENT_LINE = re.compile(r"^ *\d+  [a-z_]+ ")
# Kinds whose `proc` is the process that did them (a step of that process).
OWN_KINDS = {"spawn", "exit", "chan_make", "chan_close", "timer_arm", "mark", "handle", "refused",
             "stuck", "buf_put", "alt_offer", "alt_guard", "alt_choice"}
# Fields that depend on the interleaving or identify rather than describe: never compared.
IGNORED = {"proc", "partner", "from", "to", "level", "via", "ready", "rule", "loc", "name", "alt",
           "chan"}


def run(cmd, ok=(0,)):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if r.returncode not in ok:
        sys.exit("%s\nexited %d\n--- stdout\n%s\n--- stderr\n%s" %
                 (" ".join(cmd), r.returncode, r.stdout[-4000:], r.stderr[-4000:]))
    return r


def parse(line):
    head, _, rest = line.strip().partition("  ")
    kind, _, fields = rest.strip().partition(" ")
    out = {}
    for part in SPLIT.split(" " + fields.strip()):
        part = part.strip()
        if part:
            k, _, v = part.partition("=")
            out[k] = v
    return int(head), kind, out


class Run:
    """One run's printed events, as each process's own steps."""

    def __init__(self, text):
        # A text value may hold a line break, which print writes as it is: such a line continues
        # the event before it.
        lines = []
        for line in text.split("\n"):
            if EVENT_LINE.match(line) or not lines:
                lines.append(line)
            else:
                lines[-1] += "\n" + line
        self.events = [parse(l) for l in lines if l.strip()]
        self.last = len(self.events)
        # Labels to identities: (name, how many of that name came before), in declaration order.
        self.proc_id, self.chan_id, self.order, self.label = {}, {}, [], {}
        seen = {}
        for _, kind, f in self.events:
            if kind in ("spawn", "chan_make"):
                label = f["proc"] if kind == "spawn" else f["chan"]
                name = f["name"].strip('"')
                key = (kind, name)
                ident = (name, seen.get(key, 0))
                seen[key] = ident[1] + 1
                (self.proc_id if kind == "spawn" else self.chan_id)[label] = ident
                if kind == "spawn":
                    self.order.append(ident)
                    self.label[ident] = label
        self.steps = {p: [] for p in self.order}
        for seq, kind, f in self.events:
            for owner, op in self.owners(kind, f):
                key = (op, self.chan_id.get(f.get("chan")),
                       tuple(sorted((k, v) for k, v in f.items() if k not in IGNORED)))
                self.steps[self.proc_id[owner]].append((seq, key))

    @staticmethod
    def owners(kind, f):
        if kind == "transfer":
            out = [(f["to"], "take")]
            if f.get("via") == "direct":
                out.insert(0, (f["from"], "put"))
            return out
        if kind in OWN_KINDS and "proc" in f:
            return [(f["proc"], "put" if kind == "buf_put" else kind)]
        return []


def first_divergence(a, b):
    found = []
    for rank, p in enumerate(a.order):
        if p not in b.steps:
            continue
        xa, xb = a.steps[p], b.steps[p]
        k = 0
        while k < min(len(xa), len(xb)) and xa[k][1] == xb[k][1]:
            k += 1
        if k == len(xa) and k == len(xb):
            continue
        ea = xa[k][0] if k < len(xa) else a.last + 1
        eb = xb[k][0] if k < len(xb) else b.last + 1
        found.append(((min(ea, eb), max(ea, eb), rank), p, k,
                      xa[k][0] if k < len(xa) else None, xb[k][0] if k < len(xb) else None))
    return min(found) if found else None


def main():
    csptrace, sample, out, pairs = sys.argv[1:5]
    args = sys.argv[6:] if len(sys.argv) > 5 and sys.argv[5] == "--" else []
    name = os.path.basename(sample) + "".join(a.strip("-") for a in args)
    os.makedirs(out, exist_ok=True)

    def record(seed, tag):
        path = os.path.join(out, "%s-%d%s.jsonl" % (name, seed, tag))
        run([sample, "--seed", str(seed), "--trace", path] + args)
        return path

    def diff(pa, pb):
        r = run([csptrace, "diff", "--json", pa, pb], ok=(0, 1))
        return r.returncode, json.loads(r.stdout)

    for seed in range(1, 4):
        rc, report = diff(record(seed, ""), record(seed, "-again"))
        if rc != 0:
            sys.exit("%s: two runs with --seed %d differ:\n%s" % (name, seed, json.dumps(report, indent=1)[:3000]))
    differing = 0
    for seed in range(1, int(pairs) + 1):
        pa, pb = record(seed, ""), record(seed + 1000, "")
        rc, report = diff(pa, pb)
        a = Run(run([csptrace, "print", "--no-time", pa]).stdout)
        b = Run(run([csptrace, "print", "--no-time", pb]).stdout)
        want = first_divergence(a, b)
        got = report["first_divergence"]
        where = "%s: seeds %d and %d (%s, %s)" % (name, seed, seed + 1000, pa, pb)
        if want is None:
            if got is not None:
                sys.exit("%s: print shows no process whose steps differ, diff names %s" % (where, got))
            continue
        differing += 1
        if rc != 1:
            sys.exit("%s: print shows %s differing at step %d, yet diff exits %d" % (where, want[1], want[2] + 1, rc))
        expected = (a.label[want[1]], want[2] + 1, want[3], want[4])
        actual = (got["process"], got["step"], got["event_a"], got["event_b"])
        if expected != actual:
            sys.exit("%s: print's first differing process-local step is %s step %d (A event %s, "
                     "B event %s); diff says %s step %d (A event %s, B event %s)" %
                     (where, *expected, *actual))
    print("%s: %s seed pairs, %d with a divergence, each at print's first differing step" %
          (name, pairs, differing))


if __name__ == "__main__":
    main()
