#include <csptrace/query_cache.hpp>

#include <csptrace/trace_database.hpp>
#include <csptrace/trace_tables.hpp>

#include <sys/stat.h>

namespace csptrace {

namespace {

enum class CacheState { Missing, Fresh, Stale, Foreign };

int64_t pragma(SqlDatabase& db, const char* name) {
  SqlStatement s = db.prepare(std::string("PRAGMA ") + name);
  return s.step() ? s.column_int(0) : 0;
}

CacheState inspect(const std::string& cache, const TraceFileStamp& stamp) {
  struct stat st {};
  if (::stat(cache.c_str(), &st) != 0) return CacheState::Missing;
  if (!S_ISREG(st.st_mode)) return CacheState::Foreign;
  try {
    SqlDatabase db(cache, SqlDatabase::Mode::ReadOnly);
    if (pragma(db, "application_id") != kTraceDatabaseApplicationId) return CacheState::Foreign;
    if (pragma(db, "user_version") != kTraceDatabaseVersion) return CacheState::Stale;
    SqlStatement s = db.prepare("SELECT file_bytes, file_mtime_ns FROM trace");
    if (!s.step() || s.column_type(0) != SqlType::Integer) return CacheState::Stale;
    const TraceFileStamp cached{true, s.column_int(0), s.column_int(1)};
    return cached == stamp ? CacheState::Fresh : CacheState::Stale;
  } catch (const SqlError&) {
    // Not a database, or one cut short: csptrace only ever renames a complete one into place,
    // so it is not csptrace's.
    return CacheState::Foreign;
  }
}

// An uncached build: in a temporary file, not in memory, so that a database as large as the
// trace (3 GB for 20 M events) costs SQLite's page cache, not its size.
SqlDatabase uncached(const TraceModel& m, const TraceFileStamp& stamp, const BuildControl& c) {
  SqlDatabase db("", SqlDatabase::Mode::Temporary);
  fill_trace_database(db, m, stamp, {}, c);
  return db;
}

}  // namespace

std::string query_cache_path(const std::string& trace_path) { return trace_path + ".query.db"; }

SqlDatabase open_query_database(const std::string& trace_path, const QueryDatabaseOptions& o) {
  const TraceFileStamp stamp = file_stamp(trace_path);
  if (!o.use_cache || !stamp.known) return uncached(o.load(trace_path), stamp, o.build);
  const std::string cache = query_cache_path(trace_path);
  const CacheState state = inspect(cache, stamp);
  if (state == CacheState::Fresh) return SqlDatabase(cache, SqlDatabase::Mode::ReadOnly);
  const TraceModel m = o.load(trace_path);
  if (state == CacheState::Foreign) {
    o.notice(cache +
             " exists and is not a csptrace query cache; it is left alone and the "
             "query runs uncached (move it away to let csptrace cache there)");
    return uncached(m, stamp, o.build);
  }
  if (file_stamp(trace_path) != stamp) {
    o.notice(trace_path + " changed while it was read; the query runs uncached");
    return uncached(m, stamp, o.build);
  }
  o.notice(std::string(state == CacheState::Stale ? "rebuilding" : "building") +
           " the query cache " + cache + " (once per change of the trace; --no-cache: none)");
  try {
    write_trace_database(m, cache, stamp, true, o.build);
  } catch (const BuildCancelled&) {
    throw;
  } catch (const std::runtime_error& ex) {
    o.notice(std::string("cannot write the query cache: ") + ex.what() +
             "; the query runs uncached");
    return uncached(m, stamp, o.build);
  }
  return SqlDatabase(cache, SqlDatabase::Mode::ReadOnly);
}

}  // namespace csptrace
