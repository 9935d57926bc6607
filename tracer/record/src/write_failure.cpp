#include <csptrace/write_failure.hpp>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

namespace csptrace {

namespace {

// What the user can do about the usual causes.
const char* hint_for(int err) {
  switch (err) {
    case ENOSPC: return " (the file system is full: free space, or record elsewhere)";
    case EFBIG: return " (the file-size limit, ulimit -f, was reached: raise it)";
#ifdef EDQUOT
    case EDQUOT: return " (the disk quota is used up)";
#endif
    default: return "";
  }
}

}  // namespace

void WriteFailure::note(int err) noexcept {
  int expected = 0;
  err_.compare_exchange_strong(expected, err == 0 ? EIO : err, std::memory_order_acq_rel);
}

std::string WriteFailure::message(const std::string& path, uint64_t kept) const {
  const int err = err_.load(std::memory_order_acquire);
  if (err == 0) return {};
  return "cannot write the trace file " + path + ": " + std::strerror(err) + hint_for(err) +
         "; recording stopped, the trace keeps the first " + std::to_string(kept) + " events";
}

void WriteFailure::report_once(const std::string& path, uint64_t kept) {
  if (!failed() || reported_.exchange(true)) return;
  std::fprintf(stderr, "cspscope: %s\n", message(path, kept).c_str());
}

void ignore_file_size_signal() noexcept {
  struct sigaction old {};
  if (sigaction(SIGXFSZ, nullptr, &old) != 0) return;
  if (!(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL) std::signal(SIGXFSZ, SIG_IGN);
}

}  // namespace csptrace
