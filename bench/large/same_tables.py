#!/usr/bin/env python3
"""Do two builds of csptrace give the same SQL tables? For changes to how the timeline is kept
(packing, compact records) that must not change what it says.

Exports each trace with both builds (`csptrace export --format sqlite`) and compares the
tables row for row, sorted; prints the traces whose tables differ and exits 1 if any do.

    python3 bench/large/same_tables.py OLD/csptrace NEW/csptrace TRACE... [--tables a,b]
"""
import argparse
import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile


def digest(csptrace, trace, tables, db):
    """The tables of `trace` as one hash, or the export's failure as text."""
    if os.path.exists(db):
        os.remove(db)
    r = subprocess.run([csptrace, "export", "--format", "sqlite", "--force", trace, "-o", db],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return "export failed (%d): %s" % (r.returncode, r.stderr.strip()[:200])
    h = hashlib.sha256()
    with sqlite3.connect(db) as c:
        for t in tables:
            h.update(t.encode())
            for row in c.execute("SELECT * FROM %s ORDER BY 1, 2, 3" % t):
                h.update(repr(row).encode())
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("traces", nargs="+")
    ap.add_argument("--tables", default="states,occupancy,rendezvous",
                    help="comma-separated tables to compare (docs/query.md)")
    a = ap.parse_args()
    tables = a.tables.split(",")
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        for trace in a.traces:
            old = digest(a.old, trace, tables, os.path.join(tmp, "old.db"))
            new = digest(a.new, trace, tables, os.path.join(tmp, "new.db"))
            if old != new:
                differ += 1
                print("differ: %s\n  old: %s\n  new: %s" % (trace, old, new))
            elif old.startswith("export failed"):
                print("both failed alike: %s: %s" % (trace, old))
    print("%d traces, %d differ (tables: %s)" % (len(a.traces), differ, ", ".join(tables)))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
