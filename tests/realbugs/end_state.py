#!/usr/bin/env python3
"""Did the bug manifest in this run? Read from the trace itself, not from `csptrace check`.

Usage: end_state.py TRACE.jsonl   (a binary trace: convert it with `csptrace export` first)

Prints one line of JSON: {"end": "normal" | "deadlock" | "crash" | "cut", "deadlock": bool,
"stuck": [process names], "manifested": bool}.

The rule. A process waits from its `park` / `block` until its `resume` / `unblock` / `exit`.
At the end of the trace, a process is *stuck* when it still waits and its wait is not one a
timer can end: a take on a timer channel (a sleeper) and an alt with a guard on a timer
channel are left out, and so is the thread "run" waiting for the result of the go process
"main" (the scaffolding of csp::run, not the program). The bug manifested when the runtime
recorded a `deadlock` event, or when some process is stuck at the end: after a normal end that
is a goroutine leaked at test exit (main has already waited out the leak check); in a trace cut
mid-run after the program had been quiet (only timers pending) it is a partial deadlock in
place. A fixed kernel never leaves a process stuck.
"""
import json
import sys


def end_state(path):
    procs = {}      # id -> name
    timers = set()  # channel ids of timer channels
    chan_names = {}
    waiting = {}    # proc id -> (op, chan, alt)
    alt_chans = {}  # (proc, alt) -> [channel ids of its guards]
    deadlock = False
    end = "cut"
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                e = json.loads(line)
            except json.JSONDecodeError:
                continue  # a torn last line
            kind = e.get("kind")
            p = e.get("proc")
            if kind == "spawn":
                procs[p] = e["name"]
            elif kind == "chan_make":
                chan_names[e["chan"]] = e["name"]
                if e.get("buffer") == "timer":
                    timers.add(e["chan"])
            elif kind == "alt_guard":
                alt_chans.setdefault((p, e["alt"]), []).append(e["chan"])
            elif kind in ("park", "block"):
                waiting[p] = (e["op"], e.get("chan"), e.get("alt"))
            elif kind in ("resume", "unblock", "exit"):
                waiting.pop(p, None)
            elif kind == "deadlock":
                deadlock = True
            elif kind == "end":
                end = e.get("reason", "normal")
    stuck = []
    for p, (op, chan, alt) in sorted(waiting.items()):
        if op == "take" and chan in timers:
            continue  # sleeping
        if op == "alts" and any(c in timers for c in alt_chans.get((p, alt), [])):
            continue  # an alt a timer can end
        if procs.get(p) == "run" and chan_names.get(chan) == "result of main":
            continue
        stuck.append(procs.get(p, str(p)))
    return {"end": end, "deadlock": deadlock, "stuck": stuck,
            "manifested": deadlock or bool(stuck)}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(json.dumps(end_state(sys.argv[1])))
