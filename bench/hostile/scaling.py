#!/usr/bin/env python3
"""Scaling of csptrace on the hostile shapes of issue 21: each shape at sizes growing by 10x,
every verb, CPU time and peak memory. Linear (or n log n) cost shows as a flat cost per
element; a quadratic path as a cost per element that grows ~10x with every step.

usage: scaling.py CSPTRACE [--cspview EXE] [--sizes 1000,10000,100000] [--shapes a,b]
                  [--verbs a,b] [--dir D]

With --cspview the viewer is one more verb: `cspview --screenshot` (offscreen), which loads the
trace, replays and analyses it and draws the first frame.

Prints one markdown table row per shape, verb and size: CPU seconds (user + system of the
verb's process, from wait4), nanoseconds of CPU per element, the ratio of that to the previous
size's (the growth of the cost per element over a 10x step: about 1 is linear, about 1.3 is
n log n over that step, 10 is quadratic), and the peak resident memory with bytes per element.
A row whose ratio passes 2.0 between sizes of at least 10 000 elements is marked SUPERLINEAR,
and the script exits 1 when there is one. Traces are written as JSON Lines and converted to the
binary format once (the verbs read the binary one, the encoding programs write).
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "tests", "hostile"))
import make_hostile as mh  # noqa: E402  (the shapes are defined once, by the corpus generator)

# name: (the generator, what n counts)
SHAPES = {
    "unique_names": (mh.unique_names, "uniquely named processes"),
    "close_under_takers": (mh.close_under_takers, "takers released by one close"),
    "full_fixed_buffer": (mh.full_fixed_buffer, "buffered values"),
    "alt_over_guards": (mh.alt_over_guards, "alt guards on as many channels"),
    "alt_one_channel": (lambda n: mh.alt_over_guards(n, one_channel=True), "alt guards on one channel"),
    "parked_deadlock": (mh.parked_deadlock, "processes parked in a deadlock"),
    "waiting_putters": (mh.waiting_putters, "putters waiting on one channel"),
    "many_strings": (mh.many_strings, "distinct strings"),
}

VERBS = {
    "validate": ["validate"],
    "check": ["check"],
    "check_json": ["check", "--format", "json"],
    "stats": ["stats", "--json"],
    "print": ["print"],
    "chrome": ["export", "--format", "chrome", "-o", "{out}"],
    "diff": ["diff", "--json", "{in}"],  # the trace against itself
    "sqlite": ["export", "--format", "sqlite", "--force", "-o", "{out}"],
    "query": ["query", "--no-cache", "{in}", "SELECT COUNT(*) FROM states"],
}
# Verbs whose arguments name the trace themselves ({in}) and take nothing after it.
NAMES_ITS_TRACE = {"query"}


def run(cmd):
    """Runs cmd with its output thrown away; (exit status, CPU seconds, peak RSS in bytes).
    Through /usr/bin/time: a child forked from this process counts the pages it shares with it
    (the shapes, hundreds of MB) in its peak until it calls exec."""
    with tempfile.NamedTemporaryFile("r") as rep, open(os.devnull, "wb") as null:
        code = subprocess.call(["/usr/bin/time", "-q", "-f", "%x %U %S %M", "-o", rep.name] + cmd,
                               stdout=null, stderr=null)
        fields = rep.read().split()
    if len(fields) != 4:  # killed by a signal: time writes "Command terminated by signal N"
        return code, float("nan"), 0
    return int(fields[0]), float(fields[1]) + float(fields[2]), int(fields[3]) * 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csptrace")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--verbs", default=None)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--cspview", default=None)
    args = ap.parse_args()
    if args.cspview:
        VERBS["viewer"] = None
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes = [int(s) for s in args.sizes.split(",")]
    verbs = args.verbs.split(",") if args.verbs else list(VERBS)
    work = args.dir or tempfile.mkdtemp(prefix="csp-scaling-")
    os.makedirs(work, exist_ok=True)
    print("| shape | verb | n | CPU s | ns/element | x prev | peak MB | bytes/element |")
    print("|---|---|---|---|---|---|---|---|")
    superlinear = []
    for shape in args.shapes.split(","):
        make, what = SHAPES[shape]
        files = {}
        for n in sizes:
            jsonl = os.path.join(work, "%s-%d.jsonl" % (shape, n))
            with open(jsonl, "wb") as f:
                f.write(make(n))
            binary = jsonl[:-len(".jsonl")] + ".csptrace"
            code, _, _ = run([args.csptrace, "export", "--format", "csptrace", "-o", binary, "--force", jsonl])
            if code != 0:
                sys.exit("scaling.py: cannot convert %s (exit %d)" % (jsonl, code))
            os.remove(jsonl)
            files[n] = binary
        for verb in verbs:
            prev = None
            for n in sizes:
                out = os.path.join(work, "out.json")
                if verb == "viewer":
                    cmd = [args.cspview, files[n], "--screenshot", os.path.join(work, "out.png")]
                else:
                    cmd = [args.csptrace] + [a.replace("{out}", out).replace("{in}", files[n])
                                             for a in VERBS[verb]]
                    if verb not in NAMES_ITS_TRACE:
                        cmd.append(files[n])
                if verb == "chrome":
                    cmd.insert(-1, "--force")
                code, cpu, rss = run(cmd)
                per = cpu * 1e9 / n
                ratio = per / prev if prev else None
                mark = ""
                if ratio is not None and ratio > 2.0 and n >= 10000:
                    mark = " SUPERLINEAR"
                    superlinear.append((shape, verb, n))
                if code not in (0, 1):  # check exits 1 on findings
                    mark += " (exit %d)" % code
                print("| %s (%s) | %s | %d | %.3f | %.0f | %s | %.0f | %.0f |%s" % (
                    shape, what, verb, n, cpu, per, "%.2f" % ratio if ratio else "-",
                    rss / 1e6, rss / n, mark), flush=True)
                prev = per
        for f in files.values():
            os.remove(f)
    if superlinear:
        print("superlinear: %s" % ", ".join("%s/%s at %d" % s for s in superlinear))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
