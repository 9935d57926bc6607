#!/usr/bin/env python3
"""Writes the hostile trace corpus of issue 21 into OUTDIR, with OUTDIR/manifest.tsv listing
each file, what every reader must answer (ok: loads without warning; warn: loads with a warning;
error: refused with a message naming the file) and why the shape is hostile.

usage: make_hostile.py CSPTRACE OUTDIR [--large]

CSPTRACE converts the JSON Lines shapes that have a binary twin (export --format csptrace).
--large writes the big shapes of the issue (150 000 names, 500 000 takers, a million buffered
values or alt guards, 100 000 parked processes, 5 million putters, millions of strings) instead
of their small versions.
"""
import os
import struct
import subprocess
import sys

HEADER = ('{"kind":"header","format":"cspscope-trace","version":1,"program":"hostile",'
          '"scheduler":"deterministic","seed":1,"clock":"steady_ns","start_unix_ns":0}')


class Trace:
    """A JSON Lines trace built event by event, seq and t counted for it."""

    def __init__(self):
        self.parts = [HEADER + "\n"]
        self.seq = 0
        self.t = 0

    def ev(self, kind, body="", dt=10):
        self.seq += 1
        self.t += dt
        sep = "," if body else ""
        self.parts.append('{"seq":%d,"t":%d,"kind":"%s"%s%s}\n' % (self.seq, self.t, kind, sep, body))

    def main(self):
        self.ev("spawn", '"proc":1,"name":"main","mode":"main"')
        return self

    def end(self, reason="normal"):
        self.ev("exit", '"proc":1,"status":"ok"')
        self.ev("end", '"reason":"%s"' % reason)
        return self

    def deadlock(self, stuck_bodies):
        """The runtime's ending of a deadlocked run: deadlock, one stuck event each, end."""
        self.ev("deadlock", '"message":"%d processes can never run again"' % len(stuck_bodies))
        for body in stuck_bodies:
            self.ev("stuck", body)
        self.ev("end", '"reason":"deadlock"')
        return self

    def data(self):
        return "".join(self.parts).encode()


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 & -(crc & 1))
    return crc ^ 0xFFFFFFFF


# ---- shapes ----------------------------------------------------------------------------------

def minimal():
    return Trace().main().end().data()


def unique_names(n):
    tr = Trace().main()
    for p in range(2, n + 2):
        tr.ev("spawn", '"proc":%d,"name":"worker-%d","mode":"go","partner":1' % (p, p))
    for p in range(2, n + 2):
        tr.ev("exit", '"proc":%d,"status":"ok"' % p)
    return tr.end().data()


def close_under_takers(n):
    tr = Trace().main()
    tr.ev("chan_make", '"chan":1,"name":"c","buffer":"unbuffered","cap":0,"proc":1')
    for p in range(2, n + 2):
        tr.ev("spawn", '"proc":%d,"name":"taker","mode":"go","partner":1' % p)
        tr.ev("park", '"proc":%d,"op":"take","chan":1' % p)
    tr.ev("chan_close", '"chan":1,"proc":1')
    for p in range(2, n + 2):
        tr.ev("resume", '"proc":%d,"chan":1,"partner":1' % p)
        tr.ev("exit", '"proc":%d,"status":"ok"' % p)
    return tr.end().data()


def full_fixed_buffer(n):
    tr = Trace().main()
    tr.ev("chan_make", '"chan":1,"name":"big","buffer":"fixed","cap":%d,"proc":1' % n)
    for i in range(n):
        tr.ev("buf_put", '"proc":1,"chan":1,"value":%d,"level":%d' % (i, i + 1))
    return tr.end().data()


def alt_over_guards(n, one_channel=False):
    """main blocks in an alt over n take guards (on n channels, or all on one) and deadlocks."""
    tr = Trace().main()
    for c in range(1, 2 if one_channel else n + 1):
        tr.ev("chan_make", '"chan":%d,"name":"g%d","buffer":"unbuffered","cap":0,"proc":1' % (c, c))
    tr.ev("alt_offer", '"proc":1,"alt":1')
    for i in range(n):
        tr.ev("alt_guard", '"proc":1,"chan":%d,"op":"take","alt":1,"index":%d,"ready":false'
              % (1 if one_channel else i + 1, i))
    tr.ev("block", '"proc":1,"op":"alts","alt":1')
    return tr.deadlock(['"proc":1,"op":"alts","alt":1']).data()


def parked_deadlock(n):
    tr = Trace().main()
    tr.ev("chan_make", '"chan":1,"name":"never","buffer":"unbuffered","cap":0,"proc":1')
    for p in range(2, n + 2):
        tr.ev("spawn", '"proc":%d,"name":"sleeper-%d","mode":"go","partner":1' % (p, p))
        tr.ev("park", '"proc":%d,"op":"take","chan":1,"loc":"main.cpp:9"' % p)
    tr.ev("block", '"proc":1,"op":"take","chan":1')
    return tr.deadlock(['"proc":%d,"op":"take","chan":1' % p for p in range(1, n + 2)]).data()


def waiting_putters(n):
    tr = Trace().main()
    tr.ev("chan_make", '"chan":1,"name":"in","buffer":"unbuffered","cap":0,"proc":1')
    for p in range(2, n + 2):
        tr.ev("spawn", '"proc":%d,"name":"putter","mode":"go","partner":1' % p)
        tr.ev("park", '"proc":%d,"op":"put","chan":1,"value":%d' % (p, p))
    for p in range(2, n + 2):  # served in order: a queue drained from its front
        tr.ev("transfer", '"chan":1,"from":%d,"to":1,"via":"direct","value":%d' % (p, p))
        tr.ev("resume", '"proc":%d,"chan":1,"partner":1' % p)
    return tr.end().data()


def many_strings(n):
    tr = Trace().main()
    for i in range(n):
        tr.ev("mark", '"proc":1,"label":"m%x"' % i, dt=1)
    return tr.end().data()


def with_name(name_json):
    tr = Trace().main()
    tr.ev("spawn", '"proc":2,"name":%s,"mode":"go","partner":1,"loc":%s' % (name_json, name_json))
    tr.ev("chan_make", '"chan":1,"name":%s,"buffer":"fixed","cap":2,"proc":1' % name_json)
    tr.ev("buf_put", '"proc":1,"chan":1,"value":%s,"level":1' % name_json)
    tr.ev("exit", '"proc":2,"status":"ok"')
    return tr.end().data()


def timed(times):
    tr = Trace().main()
    tr.ev("chan_make", '"chan":1,"name":"c","buffer":"unbuffered","cap":0,"proc":1')
    tr.ev("spawn", '"proc":2,"name":"w","mode":"go","partner":1')
    tr.ev("park", '"proc":2,"op":"take","chan":1')
    tr.ev("transfer", '"chan":1,"from":1,"to":2,"via":"direct","value":1')
    tr.ev("resume", '"proc":2,"chan":1,"partner":1')
    tr.ev("exit", '"proc":2,"status":"ok"')
    tr.end()
    out, i = [], 0
    for line in tr.data().decode().splitlines(keepends=True):
        if line.startswith('{"seq"'):
            head, rest = line.split(',"t":', 1)
            rest = rest.split(",", 1)[1]
            line = '%s,"t":%d,%s' % (head, times[i % len(times)], rest)
            i += 1
        out.append(line)
    return "".join(out).encode()


def snapshot(damaged=False):
    """A dump's snapshot (issue 25): left and right each wait on the channel only the other
    holds, ended with reason snapshot. Damaged: the snapshot never makes the channel right
    waits on, so its park refers to nothing."""
    t = Trace()
    t.parts[0] = HEADER[:-1] + ',"snapshot":"SIGUSR1 to process 9 at 2026-12-06 03:00:00 UTC"}\n'
    t.ev("spawn", '"proc":1,"name":"main","mode":"main"', dt=0)
    t.ev("spawn", '"proc":2,"name":"left","mode":"go","partner":1,"loc":"p.cpp:5"', dt=0)
    t.ev("spawn", '"proc":3,"name":"right","mode":"go","partner":2,"loc":"p.cpp:7"', dt=0)
    t.ev("chan_make", '"chan":1,"name":"to-left","buffer":"unbuffered","cap":0,"proc":2', dt=0)
    if not damaged:
        t.ev("chan_make", '"chan":2,"name":"to-right","buffer":"unbuffered","cap":0,"proc":2', dt=0)
        t.ev("handle", '"proc":3,"chan":2', dt=0)
    t.ev("handle", '"proc":3,"chan":1', dt=0)
    t.ev("park", '"proc":2,"op":"take","chan":1,"loc":"p.cpp:12"', dt=0)
    t.ev("park", '"proc":3,"op":"take","chan":2,"loc":"p.cpp:9"', dt=0)
    t.ev("end", '"reason":"snapshot","message":"3 processes (2 waiting) and 2 channels"', dt=0)
    return t.data()


def replace_line(data, n, text):
    lines = data.split(b"\n")
    lines[n] = text.encode() if isinstance(text, str) else text
    return b"\n".join(lines)


def binary_with_text(csptrace, outdir, marker, replacement):
    """The binary twin of with_name(marker), with the marker's bytes replaced (same length) in
    the string table and the chunk checksums made to match: text the JSON Lines reader cannot
    carry, the way a program's own bytes reach a binary trace."""
    src = os.path.join(outdir, ".tmp-%s.jsonl" % marker)
    dst = src + ".csptrace"
    with open(src, "wb") as f:
        f.write(with_name('"%s"' % marker))
    subprocess.run([csptrace, "export", "--format", "csptrace", src, "-o", dst], check=True)
    data = bytearray(open(dst, "rb").read())
    os.remove(src)
    os.remove(dst)
    assert len(replacement) == len(marker)
    data = bytearray(bytes(data).replace(marker.encode(), replacement))
    return fix_chunk_crcs(data)


def fix_chunk_crcs(data):
    off = 20 + struct.unpack_from("<I", data, 12)[0]
    while off + 8 <= len(data):
        n = struct.unpack_from("<I", data, off)[0]
        if n == 0 or off + 8 + n > len(data):
            break
        struct.pack_into("<I", data, off + 4, crc32c(bytes(data[off + 8:off + 8 + n])))
        off += 8 + n
    return bytes(data)


def to_binary(csptrace, outdir, name, jsonl):
    src = os.path.join(outdir, ".tmp-" + name + ".jsonl")
    with open(src, "wb") as f:
        f.write(jsonl)
    dst = os.path.join(outdir, ".tmp-" + name + ".csptrace")
    subprocess.run([csptrace, "export", "--format", "csptrace", src, "-o", dst], check=True)
    data = open(dst, "rb").read()
    os.remove(src)
    os.remove(dst)
    return data


def shapes(csptrace, outdir, large):
    """(file name, expectation, why, bytes) for every hostile kind."""
    s = (lambda small, big: big if large else small)
    mini = minimal()
    hot = Trace().main()
    hot.ev("chan_make", '"chan":1,"name":"in","buffer":"unbuffered","cap":0,"proc":1')
    hot.ev("spawn", '"proc":2,"name":"m","mode":"go","partner":1')
    hot.ev("park", '"proc":2,"op":"take","chan":1')
    for i in range(300):
        hot.ev("transfer", '"chan":1,"from":1,"to":2,"via":"direct","value":%d' % i)
        hot.ev("resume", '"proc":2,"chan":1,"partner":1')
        hot.ev("park", '"proc":2,"op":"take","chan":1')
    hot.ev("chan_close", '"chan":1,"proc":1')
    hot.ev("resume", '"proc":2,"chan":1,"partner":1')
    hot.ev("exit", '"proc":2,"status":"ok"')
    hot = hot.end().data()
    hot_bin = to_binary(csptrace, outdir, "hot", hot)
    yield "ok-minimal.jsonl", "ok", "the smallest complete trace", mini
    yield "ok-pingpong.csptrace", "ok", "a binary trace of 300 rendezvous", hot_bin
    yield "ok-unique-names.jsonl", "ok", "many uniquely named processes (labels were O(n^2))", unique_names(s(3000, 150000))
    yield "ok-close-under-takers.jsonl", "ok", "a close under many waiting takers (O(n^2))", close_under_takers(s(3000, 500000))
    yield "ok-full-fixed-buffer.jsonl", "ok", "a fixed buffer holding many values (checkpoint copies)", full_fixed_buffer(s(5000, 1000000))
    yield "ok-alt-many-guards.jsonl", "ok", "one alt over many guards, deadlocked", alt_over_guards(s(3000, 1000000))
    yield "ok-alt-one-channel.jsonl", "ok", "an alt whose guards all take from one channel", alt_over_guards(s(2000, 100000), one_channel=True)
    yield "ok-parked-deadlock.jsonl", "ok", "a deadlock of many parked processes", parked_deadlock(s(3000, 100000))
    yield "ok-waiting-putters.jsonl", "ok", "many putters queued on one channel, served from the front", waiting_putters(s(3000, 5000000))
    yield "ok-many-strings.jsonl", "ok", "a string table of many distinct strings", many_strings(s(20000, 30000000))
    yield "ok-utf8-names.jsonl", "ok", "names in several scripts and an emoji", with_name("\"été-漢字-😀\"")
    yield "ok-escaped-surrogates.jsonl", "ok", "a name written with a \\u surrogate pair", with_name('"a\\ud83d\\ude00b"')
    yield "ok-long-name.jsonl", "ok", "a 200 KB name, four times on one line (under the 1 MB line limit)", with_name('"' + "n" * 200000 + '"')
    yield "ok-max-ids.jsonl", "ok", "process and channel ids of 2^32-1", Trace().main().data() + (
        '{"seq":2,"t":5,"kind":"spawn","proc":4294967295,"name":"max","mode":"go"}\n'
        '{"seq":3,"t":6,"kind":"chan_make","chan":4294967295,"name":"c","buffer":"fixed","cap":4294967295}\n'
        '{"seq":4,"t":7,"kind":"exit","proc":4294967295,"status":"ok"}\n'
        '{"seq":5,"t":8,"kind":"exit","proc":1,"status":"ok"}\n{"seq":6,"t":9,"kind":"end","reason":"normal"}\n').encode()
    yield "ok-snapshot.jsonl", "ok", "a dump's snapshot: processes already waiting at the first event", snapshot()
    yield "ok-snapshot.csptrace", "ok", "a dump's snapshot in the binary encoding", to_binary(csptrace, outdir, "snapshot", snapshot())
    yield "error-snapshot-damaged.jsonl", "error", "a snapshot whose park names a channel it never made", snapshot(damaged=True)
    yield "ok-crlf.jsonl", "ok", "CRLF line ends", mini.replace(b"\n", b"\r\n")
    yield "ok-blank-lines.jsonl", "ok", "blank lines between events", mini.replace(b"\n", b"\n\n  \n")
    yield "ok-no-final-newline.jsonl", "ok", "a complete last line without its newline", mini[:-1]
    yield "ok-binary-invalid-utf8.csptrace", "ok", "a binary trace whose name, location and value are not UTF-8", binary_with_text(csptrace, outdir, "MARKERXX", b"bad\xff\xfe\xc3(x")
    yield "ok-binary-cut-utf8.csptrace", "ok", "a binary trace whose texts end inside a UTF-8 character", binary_with_text(csptrace, outdir, "MARKERYY", b"abcdef\xe6\xbc")
    yield "ok-time-backwards.jsonl", "ok", "times that run backwards", timed([1000, 900, 800, 700, 600, 500, 400, 300, 200])
    yield "ok-time-extremes.jsonl", "ok", "times jumping between 0 and INT64_MAX (sums of waits pass 64 bits)", timed([0, 9223372036854775807, 0, 9223372036854775807, 1, 9223372036854775807, 0, 9223372036854775807, 9223372036854775807])
    yield "ok-time-offset.jsonl", "ok", "times starting near INT64_MAX", timed([9223372036854775000 + i for i in range(9)])
    torn = hot[:-25]
    yield "warn-torn-last-line.jsonl", "warn", "the writer died in the middle of its last line", torn
    yield "warn-nul-tail.jsonl", "warn", "4 KB of NUL bytes after the last line (power loss)", hot + b"\0" * 4096
    yield "warn-nul-tail-large.jsonl", "warn", "3 MB of NUL bytes after the last line (longer than a line may be)", hot + b"\0" * (3 << 20)
    yield "warn-torn-huge-tail.jsonl", "warn", "a 2 MB torn last line", hot + b'{"seq":9999,"t":1,"kind":"mark","label":"' + b"x" * (2 << 20)
    yield "warn-torn-after-partial.jsonl", "warn", "a torn line followed by NUL bytes", torn + b"\0" * 100
    yield "warn-no-end.jsonl", "warn", "no end event (the program was killed)", hot.rsplit(b"\n", 2)[0] + b"\n"
    yield "warn-header-only.jsonl", "warn", "a header and nothing else", (HEADER + "\n").encode()
    yield "warn-binary-cut.csptrace", "warn", "a binary trace cut inside its last chunk", hot_bin[:-7]
    yield "warn-binary-zero-tail.csptrace", "warn", "a complete binary trace followed by 64 KB of zeros", hot_bin + b"\0" * 65536
    yield "warn-binary-cut-zero-tail.csptrace", "warn", "a cut binary trace followed by zeros", hot_bin + b"\0" * 5
    yield "error-empty.jsonl", "error", "an empty file", b""
    yield "error-random.bin", "error", "random bytes", bytes((i * 7919 + 13) % 251 for i in range(4096))
    yield "error-duplicate-key.jsonl", "error", "a JSON object giving the same key twice", replace_line(hot, 5, '{"seq":5,"t":50,"kind":"transfer","chan":1,"from":1,"to":2,"to":1,"via":"direct","value":0}')
    yield "error-duplicate-header-key.jsonl", "error", "a header giving the version twice", replace_line(mini, 0, HEADER[:-1] + ',"version":1}')
    yield "error-fractional-value.jsonl", "error", "a fractional value (1.5)", replace_line(hot, 5, '{"seq":5,"t":50,"kind":"transfer","chan":1,"from":1,"to":2,"via":"direct","value":1.5}')
    yield "error-fractional-cap.jsonl", "error", "a fractional capacity", replace_line(hot, 2, '{"seq":2,"t":20,"kind":"chan_make","chan":1,"name":"in","buffer":"fixed","cap":2.5,"proc":1}')
    yield "error-long-line-middle.jsonl", "error", "a 2 MB line in the middle of the trace", replace_line(hot, 6, '{"seq":6,"t":60,"kind":"mark","label":"' + "y" * (2 << 20) + '"}')
    yield "error-nul-mid-line.jsonl", "error", "a NUL byte inside a line", replace_line(hot, 3, b'{"seq":3,"t":30,"kind":"spawn",\0"proc":2}')
    yield "error-invalid-utf8.jsonl", "error", "raw bytes that are not UTF-8 in a JSON string", replace_line(mini, 1, b'{"seq":1,"t":10,"kind":"spawn","proc":1,"name":"ma\xffin","mode":"main"}')
    yield "error-deep-nesting.jsonl", "error", "100 000 nested arrays", replace_line(mini, 1, '{"seq":1,"value":' + "[" * 100000 + "]" * 100000 + "}")
    yield "error-seq-backwards.jsonl", "error", "seq going backwards", replace_line(hot, 4, '{"seq":1,"t":40,"kind":"park","proc":2,"op":"take","chan":1}')
    yield "error-undeclared-proc.jsonl", "error", "an event about a process never spawned", replace_line(mini, 2, '{"seq":2,"t":20,"kind":"exit","proc":77,"status":"ok"}')
    yield "error-newer-version.jsonl", "error", "a newer format version", mini.replace(b'"version":1', b'"version":99', 1)
    yield "error-second-header.jsonl", "error", "a second header line", replace_line(mini, 2, HEADER)
    flipped = bytearray(hot_bin)
    flipped[len(flipped) - 20] ^= 0x40
    yield "error-binary-flipped.csptrace", "error", "one byte flipped inside a chunk", bytes(flipped)
    yield "error-binary-zero-then-junk.csptrace", "error", "zeros after the last chunk, then other bytes", hot_bin + b"\0" * 64 + b"junk"
    yield "error-binary-huge-chunk.csptrace", "error", "a chunk claiming 4 GiB", hot_bin + b"\xff\xff\xff\xff\0\0\0\0"
    yield "error-binary-header-cut.csptrace", "error", "a binary file cut inside its header", hot_bin[:15]
    yield "error-binary-huge-header.csptrace", "error", "a header claiming 4 GB", hot_bin[:12] + b"\xff\xff\xff\xf0" + hot_bin[16:]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    csptrace, outdir = sys.argv[1], sys.argv[2]
    large = "--large" in sys.argv[3:]
    os.makedirs(outdir, exist_ok=True)
    rows = []
    for name, expect, why, data in shapes(csptrace, outdir, large):
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
        rows.append((name, expect, why))
    # A directory where a trace is expected.
    os.makedirs(os.path.join(outdir, "error-directory.jsonl"), exist_ok=True)
    rows.append(("error-directory.jsonl", "error", "a directory, not a file"))
    with open(os.path.join(outdir, "manifest.tsv"), "w") as f:
        for row in rows:
            f.write("\t".join(row) + "\n")
    print("%d hostile traces in %s" % (len(rows), outdir))


if __name__ == "__main__":
    main()
