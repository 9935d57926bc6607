// Issue 21, class "the recorder loses data silently": a full file system, a file-size limit and
// an unwritable path are reported once, clearly, with the number of events kept; what was
// written stays readable; the program neither dies of SIGXFSZ nor of an uncaught exception.
#include "temp_path.hpp"

#include <csp/csp.hpp>

#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>
#include <csptrace/utf8_text.hpp>

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

using csp_test::temp_path;

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A run of `rounds` rendezvous traced to `trace`.
csp::RunResult ping_pong(const std::string& trace, long rounds) {
  csp::Options opt;
  opt.trace_path = trace;
  opt.seed = 1;
  return csp::run(opt, [rounds] {
    auto ping = csp::chan<long>("ping");
    auto echo = csp::go("echo", [=]() -> csp::Proc<void> {
      while (auto v = co_await ping.take()) (void)v;
    });
    for (long i = 0; i < rounds; ++i) ping.put_blocking(i);
    ping.close();
    (void)echo.take_blocking();
  });
}

struct ChildRun {
  int exit_code = -1;  // -1: killed by a signal
  int signal = 0;
  std::string err;  // what it wrote on stderr
};

// Runs ping_pong in a child process under a file-size limit of `limit` bytes.
ChildRun run_limited(const std::string& trace, rlim_t limit, long rounds) {
  const std::string err_path = trace + ".stderr";
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 2);
    rlimit r{limit, limit};
    ::setrlimit(RLIMIT_FSIZE, &r);
    const csp::RunResult result = ping_pong(trace, rounds);
    std::fflush(stderr);
    ::_exit(result.exit_code());
  }
  int st = 0;
  ::waitpid(pid, &st, 0);
  ChildRun c;
  if (WIFEXITED(st))
    c.exit_code = WEXITSTATUS(st);
  else
    c.signal = WTERMSIG(st);
  c.err = read_all(err_path);
  std::filesystem::remove(err_path);
  return c;
}

uint64_t kept_in(const std::string& message) {
  std::smatch m;
  const std::regex kept("keeps the first ([0-9]+) events");
  REQUIRE(std::regex_search(message, m, kept));
  return std::stoull(m[1]);
}

}  // namespace

TEST_CASE("a file-size limit stops the recording with one clear report, not SIGXFSZ",
          "[hostile][recorder]") {
  for (const char* ext : {".csptrace", ".jsonl"}) {
    INFO(ext);
    const std::string trace = temp_path(std::string("fsize") + ext);
    const ChildRun c = run_limited(trace, 4 << 20, 1000000);
    CHECK(c.signal == 0);
    CHECK(c.exit_code == 1);
    CAPTURE(c.err);
    CHECK_THAT(c.err, Catch::Contains("cspscope: cannot write the trace file " + trace) &&
                          Catch::Contains("File too large") && Catch::Contains("ulimit -f"));
    // Reported once, however many writes failed after.
    CHECK(c.err.find("cannot write") == c.err.rfind("cannot write"));
    // What was written before the failure loads, and holds exactly what the report says.
    const csptrace::TraceModel m = csptrace::load_trace(trace);
    CHECK_FALSE(m.complete());
    CHECK(m.size() == kept_in(c.err));
    CHECK(m.size() > 100);
    std::filesystem::remove(trace);
  }
}

TEST_CASE("a trace on a full device fails the run with the reason instead of exiting 0",
          "[hostile][recorder]") {
  if (!std::filesystem::exists("/dev/full")) {
    WARN("no /dev/full on this machine: nothing to check");
    return;
  }
  // The encoding follows the name: a link named *.csptrace to the full device.
  const std::string trace = temp_path("full.csptrace");
  std::filesystem::create_symlink("/dev/full", trace);
  const csp::RunResult r = ping_pong(trace, 10);
  CHECK(r.status == csp::RunStatus::Error);
  CHECK(r.exit_code() == 1);
  CHECK_THAT(r.message, Catch::Contains(trace) && Catch::Contains("No space left on device"));
  std::filesystem::remove(trace);
}

TEST_CASE("a trace path in a missing directory is a clear error, and the program still runs",
          "[hostile][recorder]") {
  const std::string trace = temp_path("no-such-dir") + "/run.csptrace";
  bool ran = false;
  csp::Options opt;
  opt.trace_path = trace;
  const csp::RunResult r = csp::run(opt, [&] { ran = true; });
  CHECK(ran);
  CHECK(r.status == csp::RunStatus::Error);
  CHECK_THAT(r.message, Catch::Contains("cannot create trace file " + trace) &&
                            Catch::Contains("No such file or directory"));
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].process == "trace recorder");
}

TEST_CASE("a preview is never cut inside a UTF-8 character", "[hostile][recorder]") {
  const std::string trace = temp_path("preview.csptrace");  // keeps the bytes exactly
  csp::Options opt;
  opt.trace_path = trace;
  opt.seed = 1;
  // 2-byte characters from an odd offset: a cut by bytes alone lands inside one.
  const std::string text = "x" + [] {
    std::string s;
    for (int i = 0; i < 60; ++i) s += "\xC3\xA9";  // é
    return s;
  }();
  const csp::RunResult r = csp::run(opt, [&] {
    auto c = csp::chan<std::string>("texts", csp::fixed(1));
    c.put_blocking(text);
  });
  REQUIRE(r.ok());
  const csptrace::TraceModel m = csptrace::load_trace(trace);
  bool seen = false;
  for (size_t i = 0; i < m.size(); ++i) {
    const csptrace::Event e = m.event(i);
    if (!(e.present & csptrace::f::value) || e.value.kind != csptrace::Value::Kind::Text) continue;
    const std::string_view v = m.str(e.value.text);
    CHECK(csptrace::is_valid_utf8(v));
    CHECK(v.size() <= csp::kPreviewMaxChars);
    CHECK(v.substr(v.size() - 3) == "...");
    seen = true;
  }
  CHECK(seen);
  std::filesystem::remove(trace);
}
