// Following a trace that is still being written (LoadOptions::follow, `csptrace print
// --follow`, issue 25): a writer thread or a real recording program adds bytes while the
// reader follows; what the follower saw must equal what a load of the finished file gives, the
// follow must end at the trace's end, and a writer that goes away without the end is reported.
#include "child_process.hpp"
#include "temp_path.hpp"

#include <csptrace/binary_trace_writer.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

using namespace csptrace;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> printed(const TraceModel& m) {
  std::vector<std::string> out;
  for (size_t i = 0; i < m.size(); ++i) out.push_back(format_event(m, i, {.time = false}));
  return out;
}

// Writes `bytes` to path in `pieces` writes 15 ms apart (cutting chunks and lines anywhere),
// holding the file open for writing all along, then closes it.
void write_slowly(const std::string& path, const std::string& bytes, size_t pieces) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  const size_t step = bytes.size() / pieces + 1;
  for (size_t at = 0; at < bytes.size(); at += step) {
    const size_t n = std::min(step, bytes.size() - at);
    REQUIRE(::write(fd, bytes.data() + at, n) == static_cast<ssize_t>(n));
    std::this_thread::sleep_for(std::chrono::milliseconds(15));
  }
  ::close(fd);
}

// Follows path while a thread writes `bytes` into it; returns what the follower printed.
std::vector<std::string> follow_while_written(const std::string& path, const std::string& bytes,
                                              bool* complete) {
  std::remove(path.c_str());
  std::thread writer(write_slowly, path, bytes, 7);
  std::vector<std::string> seen;
  LoadOptions options;
  options.follow = true;
  options.on_event = [&](const TraceModel& so_far, size_t i) {
    seen.push_back(format_event(so_far, i, {.time = false}));
  };
  const TraceModel m = load_trace(path, options);
  writer.join();
  *complete = m.complete();
  return seen;
}

std::string binary_of(const TraceModel& m, const std::string& path) {
  BinaryTraceWriter w(path, m.header(), 4);  // small chunks: the pieces cut through several
  for (size_t i = 0; i < m.size(); ++i) w.add(m.event(i), m.strings());
  w.close();
  return read_file(path);
}

// Lines of the child's stdout until `want` lines arrived or 20 s passed.
std::vector<std::string> read_lines(FILE* out, size_t want) {
  std::vector<std::string> lines;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string partial;
  char buf[1 << 16];
  while (lines.size() < want && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fileno(out), POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::read(fileno(out), buf, sizeof buf);
    if (n <= 0) break;
    partial.append(buf, static_cast<size_t>(n));
    size_t nl;
    while ((nl = partial.find('\n')) != std::string::npos) {
      lines.push_back(partial.substr(0, nl));
      partial.erase(0, nl + 1);
    }
  }
  return lines;
}

}  // namespace

TEST_CASE("follow: a JSON Lines trace written in pieces is seen whole, ending at its end event") {
  const TraceModel full = load_trace(std::string(CSP_FIXTURES) + "/hotdog.jsonl");
  bool complete = false;
  const auto seen =
      follow_while_written(csp_test::temp_path("follow.jsonl"),
                           read_file(std::string(CSP_FIXTURES) + "/hotdog.jsonl"), &complete);
  CHECK(complete);
  CHECK(seen == printed(full));
}

TEST_CASE("follow: a binary trace written in pieces cut through its chunks is seen whole") {
  const TraceModel full = load_trace(std::string(CSP_FIXTURES) + "/hotdog.jsonl");
  const std::string bytes = binary_of(full, csp_test::temp_path("whole.csptrace"));
  bool complete = false;
  const auto seen = follow_while_written(csp_test::temp_path("follow.csptrace"), bytes, &complete);
  CHECK(complete);
  CHECK(seen == printed(full));
}

TEST_CASE("follow: a writer that goes away before the end leaves a cut trace, not a hang") {
  const TraceModel full = load_trace(std::string(CSP_FIXTURES) + "/hotdog.jsonl");
  const std::string bytes = binary_of(full, csp_test::temp_path("whole.csptrace"));
  // Everything but the last chunk (the one with the end event) and half a chunk more.
  const std::string cut = bytes.substr(0, bytes.size() * 3 / 4);
  bool complete = true;
  const auto seen = follow_while_written(csp_test::temp_path("cut.csptrace"), cut, &complete);
  CHECK_FALSE(complete);
  REQUIRE(!seen.empty());
  CHECK(seen.size() < full.size());
  const auto all = printed(full);
  CHECK(std::equal(seen.begin(), seen.end(), all.begin()));
}

TEST_CASE("follow: a file nobody writes is read as it is, with a notice saying so") {
  const std::string path = csp_test::temp_path("still.jsonl");
  std::ofstream(path) << read_file(std::string(CSP_FIXTURES) + "/hotdog.jsonl");
  std::string notice;
  LoadOptions options;
  options.follow = true;
  options.notice = [&](const std::string& what) { notice = what; };
  const TraceModel m = load_trace(path, options);
  CHECK(m.complete());
  CHECK(notice.find("is not being written") != std::string::npos);
}

TEST_CASE("csptrace print --follow keeps up with a recording program and reports its death") {
  // record_loop records 20 000 events, says "ready" and then sleeps holding the trace open:
  // the follower must print all of them while the writer is alive, then, once the writer is
  // killed, stop with exit 1 and say the writer went away.
  const std::string path = csp_test::temp_path("live.csptrace");
  auto writer = csp_test::start_child(RECORD_LOOP_EXE, {path, "idle", "20000"});
  REQUIRE(csp_test::wait_ready(writer));
  auto follower = csp_test::start_child(CSPTRACE_EXE, {"print", "--follow", "--no-time", path});
  const auto lines = read_lines(follower.out, 20001);
  CHECK(lines.size() == 20001);  // the spawn and 20 000 alt offers, before the writer ended
  ::kill(writer.pid, SIGKILL);
  CHECK(csp_test::wait_signal(writer.pid) == SIGKILL);
  int status = 0;
  ::waitpid(follower.pid, &status, 0);
  std::fclose(follower.out);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);
  const TraceModel m = load_trace(path);
  CHECK(lines == printed(m));
}
