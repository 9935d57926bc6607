#include <csptrace/trace_database.hpp>

#include <csptrace/analysis.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/trace_tables.hpp>

#include "table_fillers.hpp"
#include "table_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <future>
#include <stdexcept>

namespace csptrace {

TraceFileStamp file_stamp(const std::string& path) {
  struct stat st {};
  if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  return {true, static_cast<int64_t>(st.st_size),
          static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

namespace {

void fill_trace_row(SqlDatabase& db, const TraceModel& m, const TraceFileStamp& stamp) {
  TableWriter w(db, "trace");
  const TraceHeader& h = m.header();
  w.text(m.source()).integer(h.version);
  auto put = [&](const auto& v) {
    using T = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<T, std::string>)
      w.text(v);
    else if constexpr (std::is_same_v<T, uint64_t>)
      w.unsigned64(v);
    else
      w.integer(static_cast<int64_t>(v));
  };
#define CSPTRACE_SQL_HEADER_VALUE(member, key, type, doc) put(h.member);
  CSPTRACE_HEADER_FIELDS(CSPTRACE_SQL_HEADER_VALUE)
#undef CSPTRACE_SQL_HEADER_VALUE
  w.integer(static_cast<int64_t>(m.size()))
      .integer(static_cast<int64_t>(m.processes().size()))
      .integer(static_cast<int64_t>(m.channels().size()))
      .integer(m.empty() ? 0 : m.time(0))
      .integer(m.empty() ? 0 : m.time(m.size() - 1))
      .integer(m.complete() ? 1 : 0)
      .text(to_string(m.end_reason()))
      .integer_or_null(stamp.known, stamp.bytes)
      .integer_or_null(stamp.known, stamp.mtime_ns)
      .row();
  w.finish();
}

// Nothing is read back while building and a failed build is thrown away whole (its files are
// removed, memory dropped), so no journal and no syncs: the database is durable once the file
// is closed and renamed. Sorting for the indexes stays in memory. SQLite's default page cache
// (2 MB) builds as fast as a 256 MB one did, in 130 MB less memory.
void set_build_pragmas(SqlDatabase& db) {
  db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;");
}

// The second thread's half of a split build (fill_trace_database): the events table alone, in
// a database of its own at path. Both halves only read m.
void write_events_database(const TraceModel& m, const std::string& path,
                           const std::atomic<bool>* cancel) {
  SqlDatabase db(path, SqlDatabase::Mode::Create);
  if (cancel) db.interrupt_when(cancel);
  set_build_pragmas(db);
  db.exec("BEGIN");
  db.exec(create_table_sql(trace_table("events")));
  fill_events(db, m);
  db.exec("COMMIT");
}

// Copies the events table of the database at path into db's empty one.
void copy_events_from(SqlDatabase& db, const std::string& path) {
  SqlStatement attach = db.prepare("ATTACH DATABASE ? AS side");
  attach.bind_text(1, path);
  attach.run();
  db.exec("BEGIN; INSERT INTO main.events SELECT * FROM side.events; COMMIT;");
  db.exec("DETACH DATABASE side");
}

void build(SqlDatabase& db, const TraceModel& m, const TraceFileStamp& stamp,
           const std::string& side_file, const BuildControl& control) {
  const bool split = !side_file.empty();
  auto step = [&](std::string_view what) {
    if (control.cancel && control.cancel->load(std::memory_order_relaxed)) throw BuildCancelled();
    if (control.step) control.step(what);
  };
  set_build_pragmas(db);
  db.exec("PRAGMA application_id = " + std::to_string(kTraceDatabaseApplicationId) +
          "; PRAGMA user_version = " + std::to_string(kTraceDatabaseVersion) + ";");
  // Whatever this half throws, the other is waited for (it reads m, which the caller owns): the
  // destructor of a future made by std::async waits for its task.
  std::future<void> events;
  if (split)
    events = std::async(std::launch::async, write_events_database, std::cref(m), side_file,
                        control.cancel);

  db.exec("BEGIN");
  for (const SqlTable& t : trace_tables()) db.exec(create_table_sql(t));
  fill_trace_row(db, m, stamp);
  if (!split) {
    step("events");
    fill_events(db, m);
  }
  {
    step("replaying");
    const Replay replay(m);
    step("judging");
    const Verdict verdict = judge(replay);
    step("states, occupancy, rendezvous");
    fill_processes_and_channels(db, replay, verdict);
    fill_timeline_tables(db, replay);
    fill_findings(db, m, verdict);
  }
  step("alts");
  fill_alts(db, m);
  step("indexes");
  for (const SqlTable& t : trace_tables()) db.exec(create_indexes_sql(t));
  db.exec("COMMIT");
  if (split) {
    step("events (second thread)");
    events.get();  // rethrows the other half's failure
    step("copying the events in");
    copy_events_from(db, side_file);
  }
}

}  // namespace

void fill_trace_database(SqlDatabase& db, const TraceModel& m, const TraceFileStamp& stamp,
                         const std::string& side_file, const BuildControl& control) {
  if (control.cancel) db.interrupt_when(control.cancel);
  try {
    build(db, m, stamp, side_file, control);
  } catch (const SqlError&) {
    // An interrupted statement fails as any other would; say what happened instead.
    if (control.cancel && control.cancel->load()) throw BuildCancelled();
    throw;
  }
}

void check_query_sql(std::string_view sql) {
  SqlDatabase empty("", SqlDatabase::Mode::Memory);
  for (const SqlTable& t : trace_tables()) empty.exec(create_table_sql(t));
  empty.prepare_query(sql);
}

namespace {

// The temporary beside path: in the same folder, so that the rename is atomic.
std::string temporary_beside(const std::string& path) {
  return path + ".partial-" + std::to_string(::getpid());
}

// Renames from to to; refuses (false, errno EEXIST) when to exists and !replace.
bool rename_into_place(const std::string& from, const std::string& to, bool replace) {
  if (replace) return std::rename(from.c_str(), to.c_str()) == 0;
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS) return false;
  // A file system without RENAME_NOREPLACE: a hard link fails on an existing target too.
  if (::link(from.c_str(), to.c_str()) != 0) return false;
  std::remove(from.c_str());
  return true;
}

std::string refuse_existing(const std::string& path) {
  return path + " exists; give --force to replace it, or another -o";
}

}  // namespace

void write_trace_database(const TraceModel& m, const std::string& path, const TraceFileStamp& stamp,
                          bool replace, const BuildControl& control) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (!replace) throw std::runtime_error(refuse_existing(path));
    if (!S_ISREG(st.st_mode))
      throw std::runtime_error(path +
                               " is not a regular file: a SQLite database is a file; "
                               "give a file path with -o");
  }
  const std::string tmp = temporary_beside(path);
  const std::string side_tmp = tmp + "-side";
  std::remove(tmp.c_str());
  std::remove(side_tmp.c_str());
  try {
    {
      SqlDatabase db(tmp, SqlDatabase::Mode::Create);
      fill_trace_database(db, m, stamp, side_tmp, control);
    }
    std::remove(side_tmp.c_str());
    if (!rename_into_place(tmp, path, replace)) {
      const int err = errno;
      throw std::runtime_error(err == EEXIST ? refuse_existing(path)
                                             : "cannot rename " + tmp + " to " + path + ": " +
                                                   std::strerror(err));
    }
  } catch (...) {
    std::remove(tmp.c_str());
    std::remove(side_tmp.c_str());
    throw;
  }
}

}  // namespace csptrace
