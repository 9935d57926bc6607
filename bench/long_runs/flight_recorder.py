#!/usr/bin/env python3
"""The flight recorder's costs (issue 25; docs/long-runs.md, docs/performance.md).

  bench/long_runs/flight_recorder.py BUILD_DIR [--ring 64M] [--seconds 60] [--runs 3]
                                      [--rounds 15000000]

1. Overhead: `pingpong --rounds R` traced to a file and traced with `--trace-ring`, interleaved
   RUNS times each; the CPU time of each run (user + system, from wait4), the ratio of the
   medians and the spread.
2. A long run: pingpong with the ring for about SECONDS of wall time (the rounds are scaled from
   the ring runs of part 1), ending normally. Its peak resident memory (VmHWM) at 10 s and just
   before it ends; a SIGUSR1 at 10 s, with the time the window took to write (the program's own
   line on stderr); the size of that window and of the one written at exit, whether
   `csptrace validate` loads them, and the last events of the one written at exit.
"""
import argparse
import os
import re
import resource
import signal
import statistics
import subprocess
import sys
import time


def cpu_of(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def hwm_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--ring", default="64M")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=15000000)
    ap.add_argument("--dir", default="/tmp")
    a = ap.parse_args()
    pingpong = os.path.join(a.build, "samples/pingpong")
    csptrace = os.path.join(a.build, "tracer/cli/csptrace")
    whole = os.path.join(a.dir, "fr_whole.csptrace")
    ring = os.path.join(a.dir, "fr_ring.csptrace")

    file_cpu, ring_cpu, ring_wall = [], [], []
    for _ in range(a.runs):
        file_cpu.append(cpu_of([pingpong, "--rounds", str(a.rounds), "--trace", whole]))
        started = time.monotonic()
        ring_cpu.append(cpu_of([pingpong, "--rounds", str(a.rounds), "--trace", ring,
                                "--trace-ring", a.ring]))
        ring_wall.append(time.monotonic() - started)
    os.remove(whole)
    fm, rm = statistics.median(file_cpu), statistics.median(ring_cpu)
    print(f"overhead, pingpong --rounds {a.rounds}, {a.runs} interleaved runs each (CPU s):")
    print(f"  to a file   median {fm:.2f} (min {min(file_cpu):.2f}, max {max(file_cpu):.2f})")
    print(f"  ring {a.ring:<6} median {rm:.2f} (min {min(ring_cpu):.2f}, max {max(ring_cpu):.2f})")
    print(f"  ring / file {rm / fm:.2f} (spread {min(ring_cpu) / max(file_cpu):.2f}"
          f"-{max(ring_cpu) / min(file_cpu):.2f})")

    stem = ring[: -len(".csptrace")]
    for n in (1, 2):
        if os.path.exists(f"{stem}.{n}.csptrace"):
            os.remove(f"{stem}.{n}.csptrace")
    err_path = os.path.join(a.dir, "fr_stderr.txt")
    rounds = int(a.rounds * a.seconds / statistics.median(ring_wall))
    at10 = at_end = float("nan")
    started = time.monotonic()
    with open(err_path, "w") as err:
        p = subprocess.Popen([pingpong, "--rounds", str(rounds), "--trace", ring,
                              "--trace-ring", a.ring], stdout=subprocess.DEVNULL, stderr=err)
        signalled = False
        while p.poll() is None:
            time.sleep(0.5)
            try:
                hwm = hwm_mb(p.pid)
            except OSError:
                break
            if hwm == hwm:  # not NaN: an exiting process has no VmHWM any more
                at_end = hwm
            if not signalled and time.monotonic() - started >= 10:
                at10 = hwm
                p.send_signal(signal.SIGUSR1)
                signalled = True
        p.wait()
    took = time.monotonic() - started
    print(f"a {took:.0f} s run (pingpong --rounds {rounds}) with --trace-ring {a.ring}:")
    print(f"  peak resident memory (VmHWM) at 10 s {at10:.0f} MB, at the last reading before the "
          f"end {at_end:.0f} MB")
    windows = []
    for line in open(err_path):
        m = re.search(r"window to (\S+) in ([0-9.]+) ms", line)
        if m:
            windows.append((m.group(1), f"written on SIGUSR1 in {m.group(2)} ms"))
    windows.append((ring, "written at exit"))
    for path, how in windows:
        ok = subprocess.run([csptrace, "validate", path], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL).returncode == 0
        size = os.path.getsize(path) / (1 << 20)
        print(f"  window {os.path.basename(path)}, {how}: {size:.1f} MiB, "
              f"{'loads' if ok else 'DOES NOT LOAD'}")
    printed = subprocess.Popen([csptrace, "print", ring], stdout=subprocess.PIPE, text=True)
    last = []
    for line in printed.stdout:
        last = (last + [line.rstrip()])[-3:]
    printed.wait()
    print("  its last events:")
    for line in last:
        print("    " + line)
    for path, _ in windows:
        os.remove(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
