// A trace as a SQLite database: the tables of trace_tables.hpp filled from a loaded trace, its
// replay and its analysis. csptrace export --format sqlite writes one to a file; csptrace query
// builds one in memory or in its cache (query_cache.hpp); docs/query.md is the user's guide.
#pragma once

#include <csptrace/sql_database.hpp>
#include <csptrace/trace_model.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace csptrace {

// The trace file as it was when it was read: the trace table records it, and the query cache
// compares it with the file now.
struct TraceFileStamp {
  bool known = false;  // false for a pipe, a named pipe or standard input
  int64_t bytes = 0;
  int64_t mtime_ns = 0;
  bool operator==(const TraceFileStamp&) const = default;
};
// The stamp of a regular file at path; known == false for anything else.
TraceFileStamp file_stamp(const std::string& path);

// How a caller follows and stops a build that takes seconds (csptrace's progress line, Ctrl-C).
struct BuildControl {
  // When it becomes true, the build stops within a fraction of a second and throws
  // BuildCancelled (write_trace_database then leaves no file behind).
  const std::atomic<bool>* cancel = nullptr;
  // Told, from the calling thread, each step as it begins ("replaying", "indexes", ...).
  std::function<void(std::string_view step)> step;
};

class BuildCancelled : public std::runtime_error {
 public:
  BuildCancelled() : std::runtime_error("the database build was interrupted") {}
};

// Creates every table of trace_tables() in db (which must hold none) and fills them from m,
// then creates the indexes. Replays and judges m as csptrace check does. Throws SqlError when
// SQLite fails (a full disk: SQLITE_FULL), naming the database.
//
// With side_file empty, all in one transaction on db. Otherwise a second thread writes the
// events table into a database of its own at side_file while this one fills the rest, and the
// events are then copied in (SQLite copies a table between files of one layout without
// decoding its rows, in half the time it takes to insert them): the build takes two cores
// (docs/performance.md, "SQL export"). The caller removes side_file afterwards.
void fill_trace_database(SqlDatabase& db, const TraceModel& m, const TraceFileStamp& stamp,
                         const std::string& side_file = {}, const BuildControl& control = {});

// Compiles sql as SqlDatabase::prepare_query does, against the tables without their rows:
// throws the same SqlError (message and offset) for a query that cannot run, before any trace
// is read or any database built or written.
void check_query_sql(std::string_view sql);

// Writes the database of m to the file path. It is built in a temporary file beside path and
// renamed to path only once complete, so a failure (a full disk, a bad trace) leaves no file at
// path and no temporary. An existing path is refused (std::runtime_error saying to give
// --force) unless replace. Throws std::runtime_error naming the file and what to do.
void write_trace_database(const TraceModel& m, const std::string& path, const TraceFileStamp& stamp,
                          bool replace, const BuildControl& control = {});

}  // namespace csptrace
