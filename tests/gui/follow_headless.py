#!/usr/bin/env python3
"""cspview --follow without a screen on a program that hangs: the trace stops growing while its
writer still has it open. The picture must be taken once nothing new came for the long-wait
threshold and a second more (not when the writer goes away, which for a hang is never), and
the view must show the live trace with its long waits as possible findings.

Usage: follow_headless.py PINGPONG CSPVIEW WORKDIR"""
import json
import os
import subprocess
import sys
import time

pingpong, cspview, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
full = os.path.join(work, "full.csptrace")
hang = os.path.join(work, "hang.csptrace")
subprocess.run([pingpong, "--rounds", "100000", "--trace", full], check=True,
               stdout=subprocess.DEVNULL)
data = open(full, "rb").read()
with open(hang, "wb") as f:
    f.write(data[: len(data) // 2])  # whole chunks up to some point, then a torn one

# The "program": a process that keeps the trace open for writing and writes nothing more.
held = open(hang, "ab")
writer = subprocess.Popen(["sleep", "60"], stdout=held)
held.close()
try:
    time.sleep(0.3)
    shot, view = os.path.join(work, "hang.png"), os.path.join(work, "hang.json")
    begin = time.monotonic()
    run = subprocess.run([cspview, "--follow", hang, "--long-wait", "1", "--screenshot", shot,
                          "--view-json", view], timeout=40, capture_output=True, text=True)
    took = time.monotonic() - begin
finally:
    writer.kill()
    writer.wait()

assert run.returncode == 0, f"cspview exited {run.returncode}: {run.stderr}"
assert took < 20, f"the headless follow of a hung program took {took:.1f} s"
d = json.load(open(view))
assert d["follow"]["state"] == "following", d["follow"]
assert d["events"] > 0, d
assert os.path.getsize(shot) > 0
print(f"ok: {d['events']} events shown after {took:.1f} s, {d['follow']['status']}")
