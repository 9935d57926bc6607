#include "interrupt.hpp"

#include <signal.h>

namespace csptrace::cli {

namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};
// Scopes nest (a load inside an export): only the outermost installs and restores.
int g_depth = 0;
struct sigaction g_old_int, g_old_term;

// Async-signal-safe: lock-free atomics only.
void on_signal(int sig) {
  g_signal.store(sig, std::memory_order_relaxed);
  g_interrupted.store(true, std::memory_order_relaxed);
}

}  // namespace

InterruptScope::InterruptScope() {
  if (g_depth++ > 0) return;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  // A signal the process was started with ignored (a job put in the background by a shell
  // without job control, nohup) stays ignored.
  sigaction(SIGINT, nullptr, &g_old_int);
  sigaction(SIGTERM, nullptr, &g_old_term);
  if (g_old_int.sa_handler != SIG_IGN) sigaction(SIGINT, &sa, nullptr);
  if (g_old_term.sa_handler != SIG_IGN) sigaction(SIGTERM, &sa, nullptr);
}

InterruptScope::~InterruptScope() {
  if (--g_depth > 0) return;
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
}

const std::atomic<bool>* InterruptScope::flag() { return &g_interrupted; }

int interrupting_signal() { return g_signal.load(std::memory_order_relaxed); }

}  // namespace csptrace::cli
