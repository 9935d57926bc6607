#include "dump_service.hpp"

#include "runtime.hpp"
#include "snapshot_trace.hpp"
#include "state_cut.hpp"

#include <csp/dump.hpp>

#include <csptrace/trace_file_writer.hpp>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace csp::detail {

namespace {

// The write end of the running service's pipe, for the handler (-1: none). Lock-free, so
// reading it is async-signal-safe.
std::atomic<int> g_wake_fd{-1};

extern "C" void on_dump_signal(int) {
  const int saved = errno;
  if (const int fd = g_wake_fd.load(std::memory_order_relaxed); fd >= 0) {
    // A full pipe drops the byte: the requests already in it are served.
    [[maybe_unused]] const ssize_t n = ::write(fd, "d", 1);
  }
  errno = saved;
}

// NAME.EXT -> NAME.N.EXT
std::string numbered(const std::string& base, unsigned n) {
  const std::string ext =
      csptrace::encoding_of(base) == csptrace::TraceEncoding::Jsonl ? ".jsonl" : ".csptrace";
  return base.substr(0, base.size() - ext.size()) + "." + std::to_string(n) + ext;
}

std::string base_name(const std::string& trace_path) {
  if (const char* env = std::getenv("CSP_DUMP_PATH"); env != nullptr && *env != '\0') {
    if (!csptrace::encoding_of(env))
      throw std::invalid_argument(std::string("CSP_DUMP_PATH=") + env +
                                  ": name the dump file *.csptrace (binary) or *.jsonl");
    return env;
  }
  if (!trace_path.empty() && csptrace::encoding_of(trace_path)) return trace_path;
  return "csp-dump." + std::to_string(::getpid()) + ".csptrace";
}

// "SIGUSR1 to process 123 at 2026-12-06 03:10:00 UTC"
std::string stamp(const std::string& why) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &utc);
  return why + " to process " + std::to_string(::getpid()) + " at " + when;
}

}  // namespace

DumpService::DumpService(Runtime& rt, const std::string& trace_path)
    : rt_(rt), ring_(rt.bin && rt.bin->ring() ? rt.bin : nullptr), base_(base_name(trace_path)) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
    throw std::runtime_error(std::string("cannot make the dump service's pipe: ") +
                             std::strerror(errno));
  wake_read_ = fds[0];
  wake_write_ = fds[1];
  g_wake_fd.store(wake_write_, std::memory_order_relaxed);
  struct sigaction sa {};
  sa.sa_handler = on_dump_signal;
  sa.sa_flags = SA_RESTART;  // other threads' system calls go on after the handler
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGUSR1, &sa, &earlier_);
  if (ring_) {
    // The recorder's writer asks for a new window start; the request goes through the pipe so
    // that the cut is taken on this thread, never on the writer's.
    const int fd = wake_write_;
    ring_->on_window_start_wanted([fd] { [[maybe_unused]] const ssize_t n = ::write(fd, "w", 1); });
  }
  thread_ = std::thread([this] { serve(); });
}

DumpService::~DumpService() {
  if (ring_) ring_->on_window_start_wanted({});  // it writes to the pipe
  [[maybe_unused]] const ssize_t n = ::write(wake_write_, "q", 1);
  thread_.join();
  ::sigaction(SIGUSR1, &earlier_, nullptr);
  g_wake_fd.store(-1, std::memory_order_relaxed);
  ::close(wake_read_);
  ::close(wake_write_);
}

void DumpService::request_failure_window() noexcept {
  [[maybe_unused]] const ssize_t n = ::write(wake_write_, "f", 1);
}

void DumpService::serve() {
  for (;;) {
    pollfd p{wake_read_, POLLIN, 0};
    if (::poll(&p, 1, -1) < 0 && errno != EINTR) return;
    char bytes[64];
    const ssize_t n = ::read(wake_read_, bytes, sizeof bytes);
    if (n <= 0) continue;
    int requests = 0;
    bool window_start = false, failed = false;
    for (ssize_t i = 0; i < n; ++i) {
      if (bytes[i] == 'q') return;
      requests += bytes[i] == 'd';
      window_start = window_start || bytes[i] == 'w';
      failed = failed || bytes[i] == 'f';
    }
    if (window_start) start_window();
    if (failed) {
      try {
        std::lock_guard lk(mu_);
        write_window(rt_.trace_path(), "the failure of a process");
      } catch (const std::exception& e) {
        std::fprintf(stderr, "cspscope: %s\n", e.what());
      }
    }
    if (requests == 0) continue;
    if (requests > 1)
      std::fprintf(stderr,
                   "cspscope: %d dump requests (SIGUSR1) came together; one dump serves them\n",
                   requests);
    try {
      const DumpWritten w = dump({}, stamp("SIGUSR1"));
      if (ring_)
        std::fprintf(stderr,
                     "cspscope: wrote the flight recorder's window to %s in %.1f ms (SIGUSR1)\n",
                     w.path.c_str(), w.ms);
      else
        std::fprintf(
            stderr,
            "cspscope: dumped %zu processes (%zu waiting) and %zu channels to %s in %.1f ms, "
            "channels held %.1f ms (SIGUSR1)\n",
            w.processes, w.waiting, w.channels, w.path.c_str(), w.ms, w.held_ms);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "cspscope: the dump on SIGUSR1 failed: %s\n", e.what());
    }
  }
}

DumpWritten DumpService::dump(std::string path, const std::string& why) {
  std::lock_guard lk(mu_);
  if (path.empty()) path = numbered(base_, ++count_);
  if (ring_) return write_window(path, why);
  const std::optional<csptrace::TraceEncoding> encoding = csptrace::encoding_of(path);
  if (!encoding)
    throw std::runtime_error("cannot dump to " + path +
                             ": name the file *.csptrace (binary) or *.jsonl");
  const auto started = std::chrono::steady_clock::now();
  double held_ms = 0;
  const StateCut cut = StateCut::take(rt_, "snapshot: state written to " + path, held_ms);

  csptrace::StringTable strings;
  std::vector<csptrace::Event> events;
  snapshot_trace(
      cut, rt_.next_proc_id(), [&](std::string_view s) { return strings.intern(s); }, events);
  DumpWritten w;
  w.path = path;
  w.held_ms = held_ms;
  w.processes = cut.procs.size();
  w.waiting = cut.waits.size();
  w.channels = cut.chans.size();
  csptrace::Event end(csptrace::EventKind::End);
  end.with_reason(csptrace::EndReason::Snapshot)
      .with_message(strings.intern(std::to_string(w.processes) + " processes (" +
                                   std::to_string(w.waiting) + " waiting) and " +
                                   std::to_string(w.channels) +
                                   " channels; the program was still running"));
  end.seq = events.empty() ? 1 : events.back().seq + 1;
  events.push_back(end);

  csptrace::TraceHeader h = rt_.header();
  h.start_unix_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  h.snapshot = why;
  const std::string part = path + ".part";
  try {
    csptrace::write_trace_file(part, *encoding, h, events, strings);
  } catch (...) {
    ::unlink(part.c_str());
    throw;
  }
  if (::rename(part.c_str(), path.c_str()) != 0) {
    const std::string err = std::strerror(errno);
    ::unlink(part.c_str());
    throw std::runtime_error("cannot rename " + part + " to " + path + ": " + err);
  }
  w.ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return w;
}

}  // namespace csp::detail

namespace csp {

DumpWritten dump_state(const std::string& path) {
  detail::Runtime* rt = detail::g_runtime.load(std::memory_order_acquire);
  if (rt == nullptr) throw std::runtime_error("csp::dump_state called outside csp::run");
  detail::DumpService* service = rt->dump_service();
  if (service == nullptr)
    throw std::runtime_error(
        "csp::dump_state: this run keeps no dumps; set csp::Options::dump_on_signal (or "
        "CSP_DUMP=1) before csp::run");
  return service->dump(path, detail::stamp("csp::dump_state"));
}

}  // namespace csp
