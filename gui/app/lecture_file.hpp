// The lecture script's file: TRACE.cspview.json beside the trace, a small JSON document
//   {"format": "cspview-lecture", "version": 1,
//    "bookmarks": [{"event": 7, "title": "the first rendezvous", "note": "..."}]}
// where event is the number csptrace prints. A missing file is an empty script.
#pragma once

#include "lecture_script.hpp"

#include <QString>

namespace cspview {

// TRACE.cspview.json for TRACE; empty for standard input ("-"), which has no place beside it.
QString lecture_path(const QString& trace);

// Reads `path` into *script (cleared first). A missing file gives an empty script and true.
// On bad JSON or a bookmark without an event number: false, *script empty, and *error naming
// the file and the line ("x.cspview.json:4: ...") and saying what to do.
bool read_lecture(const QString& path, LectureScript* script, QString* error);
// False with *error naming the file when it cannot be written.
bool write_lecture(const QString& path, const LectureScript& script, QString* error);

}  // namespace cspview
