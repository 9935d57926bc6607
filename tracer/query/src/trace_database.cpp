#include <csptrace/trace_database.hpp>

#include <csptrace/analysis.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/trace_tables.hpp>

#include "split_build.hpp"
#include "table_fillers.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <stdexcept>

namespace csptrace {

TraceFileStamp file_stamp(const std::string& path) {
  struct stat st {};
  if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  return {true, static_cast<int64_t>(st.st_size),
          static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

// Nothing is read back while building and a failed build is thrown away whole (its files are
// removed, memory dropped), so no journal and no syncs: the database is durable once the file
// is closed and renamed. Sorting for the indexes stays in memory. SQLite's default page cache
// (2 MB) builds as fast as a 256 MB one did, in 130 MB less memory. Pages of 64 KiB instead of
// 4 KiB take 9% less CPU to build the 10 M-event database and scan it no slower
// (docs/performance.md, "SQL export").
void set_build_pragmas(SqlDatabase& db) {
  db.exec(
      "PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
      "PRAGMA temp_store = MEMORY;");
}

namespace {

// The build in one transaction on the calling thread.
void build_serial(SqlDatabase& db, const TraceModel& m, const TraceFileStamp& stamp,
                  const BuildStep& step) {
  db.exec("BEGIN");
  for (const SqlTable& t : trace_tables()) db.exec(create_table_sql(t));
  fill_trace_row(db, m, stamp);
  step("events");
  fill_events(db, m);
  Verdict verdict;
  {
    step("replaying");
    const Replay replay(m, Replay::kDefaultCheckpointInterval, Replay::Keep::Timeline);
    step("judging");
    verdict = judge(replay);
    step("states, occupancy, rendezvous");
    fill_processes_and_channels(db, replay, verdict);
    fill_states(db, replay);
    fill_occupancy(db, replay);
    fill_rendezvous(db, replay);
  }
  // After the replay is let go of: a finding's list of names (five million in one) takes
  // hundreds of megabytes while its row is written.
  step("findings");
  fill_findings(db, m, verdict);
  step("alts");
  fill_alts(db, m);
  step("indexes");
  for (const SqlTable& t : trace_tables()) db.exec(create_indexes_sql(t));
  db.exec("COMMIT");
}

}  // namespace

void fill_trace_database(SqlDatabase& db, const TraceModel& m, const TraceFileStamp& stamp,
                         const std::string& side_prefix, const BuildControl& control) {
  if (control.cancel) db.interrupt_when(control.cancel);
  const BuildStep step = [&](std::string_view what) {
    if (control.cancel && control.cancel->load(std::memory_order_relaxed)) throw BuildCancelled();
    if (control.step) control.step(what);
  };
  try {
    set_build_pragmas(db);
    db.exec("PRAGMA application_id = " + std::to_string(kTraceDatabaseApplicationId) +
            "; PRAGMA user_version = " + std::to_string(kTraceDatabaseVersion) + ";");
    if (side_prefix.empty())
      build_serial(db, m, stamp, step);
    else
      build_split(db, m, stamp, side_prefix, control, step);
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
  std::remove(tmp.c_str());
  try {
    {
      SqlDatabase db(tmp, SqlDatabase::Mode::Create);
      fill_trace_database(db, m, stamp, tmp + "-side", control);
    }
    if (!rename_into_place(tmp, path, replace)) {
      const int err = errno;
      throw std::runtime_error(err == EEXIST ? refuse_existing(path)
                                             : "cannot rename " + tmp + " to " + path + ": " +
                                                   std::strerror(err));
    }
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
}

}  // namespace csptrace
