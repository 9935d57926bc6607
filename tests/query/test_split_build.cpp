// The export's two-thread build (fill_trace_database with a side prefix: the states and the
// rendezvous written by a second thread into files of their own, then copied in) against the
// build in one transaction, row for row; and a failure of the second thread reported with
// nothing left.
#include "query_harness.hpp"

#include <csptrace/trace_database.hpp>
#include <csptrace/trace_reader.hpp>
#include <csptrace/trace_tables.hpp>

#include <unistd.h>

#include <fstream>

using namespace query_test;
using namespace csptrace;

namespace {

constexpr size_t kWriterBatch = 128;  // rows per INSERT (tracer/query/src/table_writer.hpp)

int64_t count(SqlDatabase& db, const std::string& sql) {
  SqlStatement s = db.prepare(sql);
  REQUIRE(s.step());
  return s.column_int(0);
}

}  // namespace

TEST_CASE(
    "a build split across two threads writes the rows of a build in one transaction (samples "
    "worker_pool, alts_upload, philosophers)",
    "[query][export]") {
  // worker_pool's 1 500 events fill several of the writer's batches and leave a tail; the other
  // two bring alts, findings and a deadlock.
  const std::pair<std::string, size_t> traces[] = {
      {record_sample(WORKER_POOL_EXE, "--jobs 200"), 3 * kWriterBatch},
      {record_sample(ALTS_UPLOAD_EXE), 0},
      {record_sample(PHILOSOPHERS_EXE, "--deadlock"), 0}};
  for (const auto& [trace, at_least] : traces) {
    INFO(trace);
    const TraceModel m = load_trace(trace);
    REQUIRE(m.size() >= at_least);
    const std::string serial = temp_path("serial.db"), split = temp_path("split.db");
    {
      SqlDatabase db(serial, SqlDatabase::Mode::Create);
      fill_trace_database(db, m, file_stamp(trace));
    }
    write_trace_database(m, split, file_stamp(trace), false);
    SqlDatabase db(split, SqlDatabase::Mode::ReadOnly);
    SqlStatement attach = db.prepare("ATTACH DATABASE ? AS serial");
    attach.bind_text(1, serial);
    attach.run();
    CHECK(count(db, "SELECT COUNT(*) FROM events") == int64_t(m.size()));
    for (const SqlTable& t : trace_tables()) {
      INFO(t.name);
      const std::string a = "main." + t.name, b = "serial." + t.name;
      CHECK(count(db, "SELECT COUNT(*) FROM " + a) == count(db, "SELECT COUNT(*) FROM " + b));
      CHECK(count(db, "SELECT COUNT(*) FROM (SELECT * FROM " + a + " EXCEPT SELECT * FROM " + b +
                          ")") == 0);
      CHECK(count(db, "SELECT COUNT(*) FROM (SELECT * FROM " + b + " EXCEPT SELECT * FROM " + a +
                          ")") == 0);
    }
    CHECK(count(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'") ==
          count(db, "SELECT COUNT(*) FROM serial.sqlite_master WHERE type = 'index'"));
    std::filesystem::remove(serial);
    std::filesystem::remove(split);
  }
}

TEST_CASE(
    "when the second thread fails, the export says why and leaves no database and no temporary",
    "[query][export]") {
  const std::string trace = std::string(CSP_FIXTURES) + "/hotdog.jsonl";
  const TraceModel m = load_trace(trace);
  const std::string out = temp_path("failed.db");
  // The second thread's states file (write_trace_database: OUT.partial-PID-side-states) is a
  // directory that cannot be removed, so SQLite cannot open it.
  const std::string side = out + ".partial-" + std::to_string(::getpid()) + "-side-states";
  std::filesystem::create_directory(side);
  std::ofstream(side + "/keep") << "x";
  std::string message;
  try {
    write_trace_database(m, out, file_stamp(trace), false);
  } catch (const std::exception& e) {
    message = e.what();
  }
  CHECK(message.find(side) != std::string::npos);
  CHECK(!std::filesystem::exists(out));
  CHECK(!std::filesystem::exists(out + ".partial-" + std::to_string(::getpid())));
  CHECK(!std::filesystem::exists(out + ".partial-" + std::to_string(::getpid()) +
                                 "-side-rendezvous"));
  std::filesystem::remove_all(side);
}
