#!/usr/bin/env python3
"""Traces of 10 M and 100 M events (issue 26): the CPU time and peak resident memory of
`csptrace check` and `stats` on a recorded ping-pong, per event, and the growth of the cost per
event from 10 M to 100 M (1.0 is linear; the goal is <= 1.2). --billion adds a trace of a
billion events (12 GB of disk, minutes), --viewer-bench VIEWER_BENCH times each trace's preview in
the viewer (its first frame; build/bench/viewer/viewer_bench), and --cspview VIEWER opens each trace in the viewer
(`--screenshot`, offscreen) and reports what it did: its CPU and memory, or its refusal.

Each verb runs as a whole process under /usr/bin/time, the sizes interleaved, --runs times;
the medians are printed with the spread. With --before OTHER_CSPTRACE the same runs of an older
build are interleaved with them and the ratios of the medians printed too.

  python3 bench/large/huge_trace.py build/tracer/cli/csptrace build/bench/runtime/cspbench
  python3 bench/large/huge_trace.py NEW CSPBENCH --before /tmp/old-csptrace --runs 5
  python3 bench/large/huge_trace.py NEW CSPBENCH --billion --runs 1 --cspview build/gui/cspview

The traces (1.2 GB for 100 M events) are recorded into --dir once and kept there.
"""
import argparse
import os
import statistics
import subprocess
import sys

# ping-pong records 6 events a round trip (park, transfer and resume on each side)
SIZES = {"10M": 1666667, "100M": 16666667}
BILLION = {"1B": 166666667}


def record(cspbench, rounds, path):
    if os.path.exists(path):
        return
    print(f"recording {path} ({rounds} rounds)", flush=True)
    subprocess.run([cspbench, "-n", str(rounds), "--trace", path, "pingpong"], check=True,
                   stdout=subprocess.DEVNULL)


def events_of(csptrace, path):
    out = subprocess.run([csptrace, "stats", "--json", path], check=True, capture_output=True,
                         text=True).stdout
    for line in out.splitlines():
        if line.strip().startswith('"events"'):
            return int(line.split(":")[1].strip().rstrip(","))
    raise RuntimeError(f"no event count in stats of {path}")


def measure(cmd):
    """CPU seconds (user + sys) and peak resident MB of one run of cmd."""
    r = subprocess.run(["/usr/bin/time", "-f", "%U %S %M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    last = r.stderr.strip().splitlines()[-1].split()
    if r.returncode not in (0, 1):  # check exits 1 on a finding at the --fail-on level
        raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr}")
    return float(last[0]) + float(last[1]), int(last[2]) / 1024


def open_in_viewer(cspview, path):
    """What the viewer does with the trace: CPU, peak MB and its exit status and last words."""
    shot = path + ".png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", cspview, path, "--screenshot", shot],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    lines = [l for l in r.stderr.strip().splitlines() if l.strip()]
    user, system, kb = lines[-1].split()
    said = [l for l in lines[:-1] if "cspview" in l or "memory" in l]
    if os.path.exists(shot):
        os.remove(shot)
    return float(user) + float(system), int(kb) / 1024, r.returncode, (said[-1] if said else "")


def preview_in_viewer(viewer_bench, path):
    """The viewer's preview of the trace (its first frame): what viewer_bench says of it, and the
    peak MB. --preview-only stops there, so a trace too large to load whole is measured too."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(["/usr/bin/time", "-f", "%M", viewer_bench, "--trace", path,
                        "--preview-only", "yes"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    if r.returncode != 0:
        raise RuntimeError(f"viewer_bench on {path} failed ({r.returncode}): {r.stderr}")
    kb = int(r.stderr.strip().splitlines()[-1])
    first = [l for l in r.stdout.splitlines() if l.startswith("preview: first frame")]
    return (first[0] if first else "no preview (a trace under cspview::kPreviewBytes)"), kb / 1024


def spread(xs):
    return f"{statistics.median(xs):.2f} ({min(xs):.2f}-{max(xs):.2f})"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csptrace")
    ap.add_argument("cspbench")
    ap.add_argument("--before", help="an older csptrace to interleave with")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", default="/tmp/cspscope-large")
    ap.add_argument("--verbs", default="check,stats")
    ap.add_argument("--billion", action="store_true", help="add a trace of a billion events")
    ap.add_argument("--cspview", help="open each trace in this viewer too")
    ap.add_argument("--viewer-bench", help="time each trace's preview with this viewer_bench")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    sizes = dict(SIZES, **BILLION) if args.billion else SIZES
    traces = {}
    for name, rounds in sizes.items():
        path = os.path.join(args.dir, f"pingpong-{name}.csptrace")
        record(args.cspbench, rounds, path)
        traces[name] = (path, events_of(args.csptrace, path))
    builds = {"new": args.csptrace}
    if args.before:
        builds["before"] = args.before
    verbs = args.verbs.split(",")
    cpu, mem = {}, {}
    for _ in range(args.runs):
        for verb in verbs:
            for name, (path, _) in traces.items():
                for label, exe in builds.items():
                    c, m = measure([exe, verb, path])
                    cpu.setdefault((verb, name, label), []).append(c)
                    mem.setdefault((verb, name, label), []).append(m)
    print(f"{'verb':6} {'size':5} {'build':7} {'CPU s, median (range)':>24} {'ns/event':>9} "
          f"{'peak MB':>8}")
    for verb in verbs:
        for name, (path, events) in traces.items():
            for label in builds:
                c, m = cpu[(verb, name, label)], mem[(verb, name, label)]
                print(f"{verb:6} {name:5} {label:7} {spread(c):>24} "
                      f"{statistics.median(c) / events * 1e9:9.1f} {max(m):8.0f}")
        per = {n: statistics.median(cpu[(verb, n, 'new')]) / traces[n][1] for n in sizes}
        for n in list(sizes)[1:]:
            print(f"{verb}: cost per event at {n} / at 10M = {per[n] / per['10M']:.2f} "
                  f"({traces[n][1]} and {traces['10M'][1]} events)")
        if args.before:
            for name in SIZES:
                r = statistics.median(cpu[(verb, name, 'new')]) / statistics.median(
                    cpu[(verb, name, 'before')])
                print(f"{verb} {name}: new / before CPU = {r:.2f}, peak MB "
                      f"{max(mem[(verb, name, 'new')]):.0f} / "
                      f"{max(mem[(verb, name, 'before')]):.0f}")
    if args.cspview:
        for name, (path, events) in traces.items():
            c, m, code, said = open_in_viewer(args.cspview, path)
            print(f"cspview {name:5}: {c:.1f} s of CPU, peak {m:.0f} MB, "
                  f"{m * 1048576 / events:.0f} bytes an event, exit {code}"
                  + (f": {said}" if said else ""))
    if args.viewer_bench:
        for name, (path, events) in traces.items():
            said, m = preview_in_viewer(args.viewer_bench, path)
            print(f"preview {name:5}: {said}; peak {m:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
