#!/usr/bin/env python3
"""Runs every hostile trace of make_hostile.py through every csptrace verb and the viewer, each
run under a time limit and a memory cap, and checks what each answers against the trace's label.

usage: run_hostile.py --csptrace EXE [--cspview EXE] --dir DIR [--large]
                      [--time-limit S] [--mem-mb MB]

For each trace: validate (ok: exit 0, no warning; warn: exit 0 and a warning; error: exit 1 and
a message naming the file); print, check, check --format json, stats --json (JSON that parses
as strict UTF-8, no negative duration or wait); export to chrome, jsonl and csptrace, each read
back (the binary export prints the same as the original with print --no-time); cspview FILE
--screenshot. No run may die of a signal, pass the time limit, or pass the memory cap (peak
resident memory, and RLIMIT_AS for csptrace). Then the stream checks: a trace through a pipe
and through "-", a named pipe with no writer, and output to /dev/full.
Exit 0 when everything held; otherwise every failure is listed.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

failures = []
figures = []


def fail(what):
    failures.append(what)
    print("FAIL " + what, flush=True)


def run(cmd, limit, mem_mb, stdin=None, cap_address_space=True, digest=False):
    """Runs cmd; returns (exit status or -signal, stdout bytes, stderr bytes, seconds, peak MB).
    With digest, the stdout returned is the SHA-256 of what cmd wrote, read a piece at a time:
    `print` of a large shape writes gigabytes, which the harness must not hold."""
    def limits():
        if cap_address_space:
            cap = mem_mb << 20
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        p = subprocess.Popen(cmd, stdin=stdin if stdin is not None else subprocess.DEVNULL,
                             stdout=out, stderr=err, preexec_fn=limits,
                             env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        timer = threading.Timer(limit, lambda: p.kill())
        timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        timer.cancel()
        p.returncode = 0  # reaped by wait4
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        if seconds >= limit:
            code = "timeout"
        if digest:
            h = hashlib.sha256()
            for piece in iter(lambda: out.read(1 << 20), b""):
                h.update(piece)
            stdout = h.hexdigest().encode()
        else:
            stdout = out.read()
        return code, stdout, err.read(), seconds, usage.ru_maxrss / 1024.0


def negative_numbers(value, path=""):
    """Paths of the negative numbers under keys that hold durations or waits."""
    found = []
    if isinstance(value, dict):
        for k, v in value.items():
            found += negative_numbers(v, path + "/" + k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += negative_numbers(v, path + "/%d" % i)
    elif isinstance(value, (int, float)) and value < 0 and any(
            w in path for w in ("duration", "wait", "_ns")):
        found.append(path)
    return found


class Runner:
    def __init__(self, args):
        self.args = args
        self.tmp = tempfile.mkdtemp(prefix="hostile-")

    def verb(self, name, cmd, allowed, **kw):
        if self.args.sanitized:
            kw["cap_address_space"] = False
        code, out, err, secs, mb = run(cmd, self.args.time_limit, self.args.mem_mb, **kw)
        figures.append((name, " ".join(os.path.basename(c) for c in cmd[:3]), secs, mb))
        if code == "timeout":
            fail("%s: %s: no answer in %d s" % (name, " ".join(cmd[1:2]), self.args.time_limit))
        elif isinstance(code, int) and code < 0:
            fail("%s: %s: killed by signal %d: %s" % (name, " ".join(cmd[1:3]), -code, err[-300:]))
        elif code not in allowed:
            fail("%s: %s: exit %s (expected %s): %s" % (name, " ".join(cmd[1:3]), code, allowed,
                                                      err.decode("utf-8", "replace")[-400:]))
        if mb > self.args.mem_mb and not self.args.sanitized:
            fail("%s: %s: peak memory %.0f MB over the %d MB cap" % (name, cmd[1], mb, self.args.mem_mb))
        if b"terminate called" in err or b"what():" in err:
            fail("%s: %s: uncaught exception: %s" % (name, cmd[1], err[-300:]))
        return code, out, err

    def chrome_json(self, name, path):
        """The chrome export is strict UTF-8 JSON. A big one is checked a line at a time, as the
        exporter writes it (a head line, one event object a line, a closing line), so that the
        harness holds one event, not a parse of gigabytes."""
        if os.path.getsize(path) < (64 << 20):
            with open(path, "rb") as f:
                self.strict_json(name, "the chrome export", f.read())
            return
        with open(path, "rb") as f:
            head = f.readline()
            if head != b'{"displayTimeUnit":"ns","traceEvents":[\n':
                fail("%s: the chrome export starts with %r" % (name, head[:80]))
                return
            prev, closed = None, False
            for line in f:
                if closed:
                    fail("%s: the chrome export goes on after its closing line" % name)
                    return
                closed = line.rstrip(b"\n") == b"]}"
                if prev is not None:  # an event line: a comma after it, but for the last
                    if not closed and not prev.endswith(b",\n"):
                        fail("%s: a chrome export event line lacks its comma: %r" % (name, prev[-80:]))
                        return
                    body = prev.rstrip(b"\n")
                    if not closed:
                        body = body[:-1]
                    if self.strict_json(name, "a chrome export event", body) is None:
                        return
                prev = None if closed else line
            if not closed:
                fail("%s: the chrome export does not end with its closing line" % name)

    def strict_json(self, name, what, data):
        try:
            return json.loads(data.decode("utf-8", "strict"))
        except (UnicodeDecodeError, ValueError) as ex:
            fail("%s: %s is not valid UTF-8 JSON: %s" % (name, what, ex))
            return None

    def trace(self, name, expect):
        ct = self.args.csptrace
        path = os.path.join(self.args.dir, name)
        code, _, err = self.verb(name, [ct, "validate", path], {"ok": [0], "warn": [0], "error": [1]}[expect])
        if expect == "ok" and b"warning" in err:
            fail("%s: validate warned on a trace labelled ok: %s" % (name, err[:300]))
        if expect == "warn" and b"warning" not in err:
            fail("%s: validate gave no warning on a trace labelled warn" % name)
        if expect == "error":
            first = err.decode("utf-8", "replace").splitlines()[0] if err else ""
            if not first.startswith(path):
                fail("%s: the error does not start with the file's name: %r" % (name, first))
            for verb in (["check"], ["export", "--format", "jsonl", "-o", os.devnull]):
                self.verb(name, [ct] + verb[:1] + verb[1:] + [path], [2])
            self.verb(name, [ct, "diff", path, path], [2])
            if self.args.cspview:
                self.viewer(name, path, allowed=[0, 1, 2])
            return
        self.verb(name, [ct, "check", path], [0, 1])
        _, out, _ = self.verb(name, [ct, "check", "--format", "json", path], [0, 1])
        self.strict_json(name, "check --format json", out)
        # A trace is equivalent to itself, however odd its shape (csptrace diff, docs/diff.md).
        _, out, _ = self.verb(name, [ct, "diff", "--json", path, path], [0])
        self.strict_json(name, "diff --json", out)
        _, out, _ = self.verb(name, [ct, "stats", "--json", path], [0])
        stats = self.strict_json(name, "stats --json", out)
        if stats is not None:
            for neg in negative_numbers(stats):
                fail("%s: stats --json gives a negative duration or wait at %s" % (name, neg))
        base = os.path.join(self.tmp, name)
        _, _, err = self.verb(name, [ct, "export", "--format", "chrome", path, "-o", base + ".json"], [0])
        # Text that is not UTF-8 shows as U+FFFD in JSON, and the export says so once.
        if name.startswith("ok-binary-") and "utf8" in name and err.count(b"not valid UTF-8") != 1:
            fail("%s: the chrome export does not warn once of text that is not UTF-8: %r" % (name, err[-300:]))
        if os.path.exists(base + ".json"):
            self.chrome_json(name, base + ".json")
            os.remove(base + ".json")
        # The SQL tables (docs/query.md): built, and holding every event the reader saw.
        self.verb(name, [ct, "export", "--format", "sqlite", "--force", path, "-o", base + ".db"], [0])
        if os.path.exists(base + ".db"):
            os.remove(base + ".db")
        _, out, _ = self.verb(name, [ct, "query", "--no-cache", "--format", "json", path,
                                     "SELECT COUNT(*) AS n FROM events"], [0])
        rows = self.strict_json(name, "query --format json", out)
        if rows is not None and stats is not None and rows != [{"n": stats["events"]}]:
            fail("%s: query counts %s events, stats %s" % (name, rows, stats["events"]))
        _, original, _ = self.verb(name, [ct, "print", "--no-time", path], [0], digest=True)
        for fmt, ext in (("jsonl", ".jsonl"), ("csptrace", ".csptrace")):
            self.verb(name, [ct, "export", "--format", fmt, path, "-o", base + ext], [0])
            code, _, _ = self.verb(name + ext, [ct, "validate", base + ext], [0])
            _, back, _ = self.verb(name + ext, [ct, "print", "--no-time", base + ext], [0],
                                   digest=True)
            # Text that is not UTF-8 cannot be JSON: the jsonl export replaces it, visibly.
            if back != original and not (fmt == "jsonl" and "utf8" in name):
                fail("%s: the %s export does not read back as the same events" % (name, fmt))
            if os.path.exists(base + ext):
                os.remove(base + ext)
        if self.args.cspview:
            self.viewer(name, path, allowed=[0])

    def viewer(self, name, path, allowed):
        shot = os.path.join(self.tmp, name + ".png")
        # Qt maps fonts and its plugins: cap the address space of csptrace only, and check the
        # viewer's peak resident memory against the cap.
        self.verb(name, [self.args.cspview, path, "--screenshot", shot], allowed,
                  cap_address_space=False)

    def streams(self):
        ct = self.args.csptrace
        path = os.path.join(self.args.dir, "ok-pingpong.csptrace")
        jpath = os.path.join(self.args.dir, "ok-close-under-takers.jsonl")
        for p in (path, jpath):
            with open(p, "rb") as f:
                self.verb("stdin", [ct, "check", "-"], [0, 1], stdin=f)
            with open(p, "rb") as f:
                self.verb("stdin", [ct, "validate", "/dev/stdin"], [0], stdin=f)
            # A pipe (what <(zcat t.gz) gives): cat writes into it.
            cat = subprocess.Popen(["cat", p], stdout=subprocess.PIPE)
            self.verb("pipe", [ct, "stats", "--json", "-"], [0], stdin=cat.stdout)
            cat.stdout.close()
            cat.wait()
        fifo = os.path.join(self.tmp, "fifo")
        os.mkfifo(fifo)
        reader = subprocess.Popen([ct, "validate", fifo], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.0)
        with open(fifo, "wb") as w, open(path, "rb") as f:
            w.write(f.read())
        out, err = reader.communicate(timeout=30)
        if reader.returncode != 0 or b"waiting for a writer" not in err:
            fail("named pipe: exit %s, stderr %r" % (reader.returncode, err[:300]))
        if os.path.exists("/dev/full"):
            for cmd in (["print", path], ["stats", path], ["check", path], ["print", "--csp", path]):
                with open("/dev/full", "wb") as full:
                    p = subprocess.run([ct] + cmd, stdout=full, stderr=subprocess.PIPE)
                if p.returncode == 0 or b"No space left" not in p.stderr:
                    fail("%s > /dev/full: exit %d, stderr %r" % (cmd[0], p.returncode, p.stderr[:300]))
            for fmt in ("jsonl", "csptrace", "chrome"):
                p = subprocess.run([ct, "export", "--format", fmt, path, "-o", "/dev/full"],
                                   stderr=subprocess.PIPE)
                if p.returncode == 0 or b"No space left" not in p.stderr:
                    fail("export %s -o /dev/full: exit %d, stderr %r" % (fmt, p.returncode, p.stderr[:300]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csptrace", required=True)
    ap.add_argument("--cspview")
    ap.add_argument("--dir", required=True)
    ap.add_argument("--time-limit", type=int, default=60)
    ap.add_argument("--mem-mb", type=int, default=2048)
    ap.add_argument("--only", help="run only the traces whose name contains this")
    ap.add_argument("--figures", action="store_true", help="print time and peak memory per run")
    ap.add_argument("--jobs", type=int, default=2, help="traces checked at once")
    ap.add_argument("--sanitized", action="store_true",
                    help="the programs are built with ASan or TSan: their shadow memory needs "
                         "terabytes of address space and inflates the resident memory, so "
                         "neither is capped nor checked, and they run 10-20x slower (a Debug "
                         "build with checks), so the time limit is 10x")
    args = ap.parse_args()
    if args.sanitized:
        args.time_limit *= 10
    r = Runner(args)
    rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(args.dir, "manifest.tsv"))]
    def check(row):
        name, expect, why = row
        r.trace(name, expect)
        bad = any(f.startswith(name + ":") or f.startswith(name + ".") for f in failures)
        print("%-4s %-38s %-5s %s" % ("FAIL" if bad else "ok", name, expect, why), flush=True)

    chosen = [row for row in rows if not args.only or args.only in row[0]]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        list(pool.map(check, chosen))
    if not args.only:
        r.streams()
    shutil.rmtree(r.tmp, ignore_errors=True)
    if args.figures:
        for name, cmd, secs, mb in sorted(figures, key=lambda f: -f[2])[:40]:
            print("%8.2f s %8.0f MB  %-38s %s" % (secs, mb, name, cmd))
    print("%d traces, %d runs, %d failures" % (len(rows), len(figures), len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
