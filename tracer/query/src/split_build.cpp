// The export's build on two threads. The calling thread owns the output database and writes
// into it the events, the occupancy and the small tables. A second thread replays and judges
// the trace, then writes the states table and the rendezvous table, each with its indexes, into
// a side database of its own; the output copies each one in as soon as it is complete. SQLite
// copies a table with its indexes between two databases of one layout without decoding the rows
// or sorting the indexes again (INSERT INTO t SELECT * FROM side.t into an empty t with the same
// indexes: its "transfer optimisation"), in about half the time the rows took to insert. So the
// output never copies the events, the largest table, and the two threads' shares are close:
// on 10 M events, events 6 s and occupancy 2 s here against replay 2 s, states and rendezvous
// with their indexes 8 s there (docs/performance.md, "SQL export").
//
// Threads: the second thread only reads m, and publishes the replay and the verdict through the
// `analysed` promise; from then on both threads only read them (a built Replay is immutable)
// until the second thread has ended, when the calling thread lets the replay go.
// Each side database is closed before its promise is set. The output database is used by the
// calling thread alone. Whichever thread fails first sets `stop`, which interrupts the other's
// SQLite statements and ends its steps; the calling thread then waits for the second and throws
// the first failure.
#include "split_build.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/trace_tables.hpp>

#include "table_fillers.hpp"

#include <atomic>
#include <cstdio>
#include <future>
#include <optional>

namespace csptrace {

namespace {

enum Failure : int { kNone, kCaller, kSecond };

// What the two threads share. The replay and the verdict are written before `analysed` is set.
// The first thread to fail sets first_failure, then stop.
struct Shared {
  std::optional<Replay> replay;
  std::optional<Verdict> verdict;
  std::atomic<int> first_failure{kNone};
  std::atomic<bool> stop{false};

  // Records who failed first and stops the other; true when it was the calling thread.
  bool fail(Failure who) {
    int none = kNone;
    first_failure.compare_exchange_strong(none, who);
    stop = true;
    return first_failure.load() == who;
  }
};

// A side database's file, removed when the build ends however it ends.
struct SideFile {
  std::string path;
  explicit SideFile(std::string p) : path(std::move(p)) { std::remove(path.c_str()); }
  ~SideFile() { std::remove(path.c_str()); }
  SideFile(const SideFile&) = delete;
  SideFile& operator=(const SideFile&) = delete;
};

// Writes one table of the replay's timeline into a new database at path: its rows by fill,
// then its indexes.
void write_side_table(const std::string& path, std::string_view table,
                      void (*fill)(SqlDatabase&, const Replay&), const Replay& replay,
                      const std::atomic<bool>* cancel, const std::atomic<bool>* stop) {
  SqlDatabase db(path, SqlDatabase::Mode::Create);
  db.interrupt_when(cancel, stop);
  set_build_pragmas(db);
  const SqlTable& t = trace_table(table);
  db.exec("BEGIN");
  db.exec(create_table_sql(t));
  fill(db, replay);
  db.exec(create_indexes_sql(t));
  db.exec("COMMIT");
}

// The second thread. A promise it leaves unset when it throws is broken as it returns, which
// wakes the calling thread.
void second_thread(const TraceModel& m, Shared& a, const std::string& states_path,
                   const std::string& rendezvous_path, const std::atomic<bool>* cancel,
                   std::promise<void> analysed, std::promise<void> states,
                   std::promise<void> rendezvous) {
  auto check = [&] {
    if ((cancel && cancel->load(std::memory_order_relaxed)) || a.stop.load())
      throw BuildCancelled();
  };
  try {
    a.replay.emplace(m, Replay::kDefaultCheckpointInterval, Replay::Keep::Timeline);
    check();
    a.verdict.emplace(judge(*a.replay));
    analysed.set_value();
    check();
    write_side_table(states_path, "states", fill_states, *a.replay, cancel, &a.stop);
    states.set_value();
    check();
    write_side_table(rendezvous_path, "rendezvous", fill_rendezvous, *a.replay, cancel, &a.stop);
    rendezvous.set_value();
  } catch (...) {
    a.fail(kSecond);
    throw;
  }
}

// Waits for one of the second thread's results; when that thread failed instead, throws its
// exception.
void await(std::future<void>& result, std::future<void>& second) {
  try {
    result.get();
  } catch (const std::future_error&) {
    second.get();
    throw;
  }
}

// Copies table from the side database at path into db's empty table of the same definition.
void copy_table_from(SqlDatabase& db, const std::string& path, const std::string& table) {
  SqlStatement attach = db.prepare("ATTACH DATABASE ? AS side");
  attach.bind_text(1, path);
  attach.run();
  db.exec("BEGIN; INSERT INTO main." + table + " SELECT * FROM side." + table + "; COMMIT;");
  db.exec("DETACH DATABASE side");
}

}  // namespace

void build_split(SqlDatabase& db, const TraceModel& m, const TraceFileStamp& stamp,
                 const std::string& side_prefix, const BuildControl& control,
                 const BuildStep& step) {
  const SideFile states_file(side_prefix + "-states");
  const SideFile rendezvous_file(side_prefix + "-rendezvous");
  Shared a;
  std::promise<void> analysed_p, states_p, rendezvous_p;
  std::future<void> analysed = analysed_p.get_future(), states = states_p.get_future(),
                    rendezvous = rendezvous_p.get_future();
  // Declared after what it uses: the destructor of a future made by std::async waits for its
  // task, so the second thread has ended before a and the files go.
  std::future<void> second =
      std::async(std::launch::async, second_thread, std::cref(m), std::ref(a),
                 std::cref(states_file.path), std::cref(rendezvous_file.path), control.cancel,
                 std::move(analysed_p), std::move(states_p), std::move(rendezvous_p));
  db.interrupt_when(control.cancel, &a.stop);
  try {
    // Every index exists before its table is filled: the copied tables need theirs for SQLite
    // to copy them too, and the rest hold few rows or have none.
    db.exec("BEGIN");
    for (const SqlTable& t : trace_tables()) {
      db.exec(create_table_sql(t));
      db.exec(create_indexes_sql(t));
    }
    fill_trace_row(db, m, stamp);
    step("events");
    fill_events(db, m);
    step("replaying (second thread)");
    await(analysed, second);
    step("occupancy");
    fill_occupancy(db, *a.replay);
    step("processes, channels, alts");
    fill_processes_and_channels(db, *a.replay, *a.verdict);
    fill_alts(db, m);
    db.exec("COMMIT");
    step("states (second thread)");
    await(states, second);
    step("copying the states in");
    copy_table_from(db, states_file.path, "states");
    step("rendezvous (second thread)");
    await(rendezvous, second);
    step("copying the rendezvous in");
    copy_table_from(db, rendezvous_file.path, "rendezvous");
    second.get();
    // The second thread has ended: the replay's end state and timeline are read no more. They
    // go before the findings, since a finding's list of names (five million in one) takes
    // hundreds of megabytes while its row is written.
    a.replay.reset();
    step("findings");
    db.exec("BEGIN");
    fill_findings(db, m, *a.verdict);
    db.exec("COMMIT");
  } catch (...) {
    const bool first = a.fail(kCaller);
    db.interrupt_when(control.cancel);
    // The first failure is the one to report: when the second thread failed first, this one's
    // is only the interruption that followed.
    if (!first && second.valid()) second.get();
    throw;
  }
  db.interrupt_when(control.cancel);
}

}  // namespace csptrace
