// Records left in the trace's file (LoadOptions::records_in_file, file_records.hpp): a model
// that reads them on demand answers every accessor as one that copied them, on every binary
// trace under tests/, on random runs, on a file whose chunks hold many strings (offsets that
// jump past 64 KiB) and on one larger than the block cache; from several threads at once; and
// after another process rewrites the file in place, as the recorder does when a program is run
// again while its trace is open.
#include <csptrace/trace_file_writer.hpp>
#include <csptrace/trace_model.hpp>
#include <csptrace/trace_reader.hpp>

#include "loadable_traces.hpp"
#include "random_trace.hpp"
#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

using namespace csptrace;
namespace fs = std::filesystem;

namespace {

bool leases_enabled() {
  std::ifstream in("/proc/sys/fs/leases-enable");
  int on = 0;
  return in >> on && on == 1;
}

TraceModel load(const std::string& path, bool in_file) {
  LoadOptions o;
  o.records_in_file = in_file;
  return load_trace(path, o);
}

// Every accessor that reads a record, on the events from..to of both models.
void check_same(const TraceModel& want, const TraceModel& got, size_t from, size_t to) {
  std::mt19937 rng(static_cast<uint32_t>(to));
  for (size_t i = from; i < to; ++i) {
    INFO("event " << i);
    const Event e = want.event(i);
    REQUIRE(got.event(i) == e);
    REQUIRE(got.present(i) == want.present(i));
    const auto wanted = static_cast<FieldMask>(rng());
    REQUIRE(got.event(i, wanted) == want.event(i, wanted));
#define CHECK_FIELD(member, key, T, doc) REQUIRE(got.field<Field::member>(i) == e.member);
    CSPTRACE_FIELDS(CHECK_FIELD)
#undef CHECK_FIELD
  }
}

// A copy of `path` in a directory of this process's own (a lease needs the file's owner).
std::string own_copy(const std::string& path) {
  const std::string copy = csp_test::temp_path(fs::path(path).filename().string());
  fs::copy_file(path, copy);
  return copy;
}

// A binary trace of `makes` channels, each with a name of its own 80 bytes long: chunks whose
// strings come before their records, far more than 64 KiB of them.
std::string many_names(size_t makes) {
  StringTable strings;
  std::vector<Event> events;
  for (size_t k = 0; k < makes; ++k) {
    std::string name = "channel-" + std::to_string(k);
    name.resize(80, 'x');
    events.push_back(Event(EventKind::ChanMake)
                         .with_seq(k + 1)
                         .with_t(int64_t(k) * 3)
                         .with_chan(ChanId(k + 1))
                         .with_name(strings.intern(name))
                         .with_buffer(BufferKind::Unbuffered));
  }
  const std::string path = csp_test::temp_path("names.csptrace");
  write_trace_file(path, TraceEncoding::Binary, TraceHeader{}, events, strings);
  return path;
}

std::string random_file(uint64_t seed, size_t n) {
  const TraceModel m = testing::random_trace(seed, n);
  std::vector<Event> events;
  for (size_t i = 0; i < m.size(); ++i) events.push_back(m.event(i));
  const std::string path = csp_test::temp_path("random-" + std::to_string(seed) + ".csptrace");
  write_trace_file(path, TraceEncoding::Binary, m.header(), events, m.strings());
  return path;
}

}  // namespace

TEST_CASE("records read from the file equal records copied, on every binary trace in tests",
          "[model][file-records]") {
  if (!leases_enabled()) {
    WARN("file leases are off on this machine (/proc/sys/fs/leases-enable): nothing to test");
    return;
  }
  size_t files = 0;
  for (const std::string& path : testing::loadable_traces()) {
    if (fs::path(path).extension() != ".csptrace") continue;
    INFO(path);
    const std::string copy = own_copy(path);
    const TraceModel want = load(copy, false), got = load(copy, true);
    CHECK_FALSE(want.records_in_file());
    REQUIRE(got.records_in_file());
    REQUIRE(got.size() == want.size());
    check_same(want, got, 0, want.size());
    ++files;
  }
  CHECK(files >= 10);
}

TEST_CASE("records read from the file: random runs, chunks full of strings, past the cache",
          "[model][file-records]") {
  if (!leases_enabled()) {
    WARN("file leases are off on this machine (/proc/sys/fs/leases-enable): nothing to test");
    return;
  }
  SECTION("random runs") {
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      const std::string path = random_file(seed, 3000);
      const TraceModel want = load(path, false), got = load(path, true);
      REQUIRE(got.records_in_file());
      check_same(want, got, 0, want.size());
    }
  }
  SECTION("offsets that jump over a chunk's strings") {
    const std::string path = many_names(150000);  // two chunks, 12 MB of names
    const TraceModel want = load(path, false), got = load(path, true);
    REQUIRE(got.records_in_file());
    REQUIRE(got.size() == 150000);
    check_same(want, got, 0, want.size());
    // Read out of order, so that blocks leave the cache and come back.
    std::mt19937 rng(7);
    for (int k = 0; k < 20000; ++k) {
      const size_t i = rng() % got.size();
      REQUIRE(got.event(i) == want.event(i));
    }
    // What the model holds is its offsets and the cached blocks, not the records: at most the
    // cache more than a model that copied them.
    CHECK(got.memory_bytes() <=
          want.memory_bytes() +
              FileRecords::kCachedBlocks * (FileRecords::kBlockBytes + FileRecords::kTailBytes));
  }
}

TEST_CASE("records read from the file by several threads at once", "[model][file-records]") {
  if (!leases_enabled()) {
    WARN("file leases are off on this machine (/proc/sys/fs/leases-enable): nothing to test");
    return;
  }
  const std::string path = many_names(60000);
  const TraceModel want = load(path, false), got = load(path, true);
  REQUIRE(got.records_in_file());
  std::vector<std::thread> readers;
  std::atomic<size_t> differ{0};
  for (uint32_t t = 0; t < 4; ++t)
    readers.emplace_back([&, t] {
      std::mt19937 rng(t);
      for (int k = 0; k < 20000; ++k) {
        const size_t i = rng() % got.size();
        if (!(got.event(i) == want.event(i))) ++differ;
      }
    });
  for (auto& r : readers) r.join();
  CHECK(differ == 0);
}

TEST_CASE("a trace rewritten in place while loaded keeps the events it had",
          "[model][file-records]") {
  if (!leases_enabled()) {
    WARN("file leases are off on this machine (/proc/sys/fs/leases-enable): nothing to test");
    return;
  }
  const std::string path = random_file(11, 20000);
  const TraceModel want = load(path, false), got = load(path, true);
  REQUIRE(got.records_in_file());
  const uintmax_t size = fs::file_size(path);
  // Another process truncates the file and writes something else, as a recorder run again
  // does: its open(2) waits until the model took the file in.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC);
    if (fd < 0) ::_exit(2);
    char junk[4096];
    std::memset(junk, 0x5a, sizeof junk);
    for (int k = 0; k < 8; ++k)
      if (::write(fd, junk, sizeof junk) != ssize_t(sizeof junk)) ::_exit(3);
    ::_exit(::close(fd) == 0 ? 0 : 4);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(fs::file_size(path) == 8 * 4096);
  check_same(want, got, 0, want.size());
  CHECK(got.memory_bytes() >= size);  // the file as loaded, now in memory
}
