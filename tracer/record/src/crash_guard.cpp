#include "crash_guard.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <exception>
#include <mutex>

namespace csptrace::crash_guard {

namespace {

static_assert(SIGSEGV == 11 && SIGBUS == 7 && SIGFPE == 8 && SIGILL == 4 && SIGABRT == 6 &&
                  SIGTERM == 15 && SIGINT == 2,
              "kSignals assumes Linux signal numbers");

std::atomic<CrashTarget*> g_target{nullptr};
struct sigaction g_previous[65];
std::terminate_handler g_previous_terminate = nullptr;
std::once_flag g_installed;

void on_signal(int sig, siginfo_t*, void*) {
  const int saved_errno = errno;
  // exchange: a second fatal signal (say, abort after a failed flush) does not flush again.
  if (CrashTarget* t = g_target.exchange(nullptr)) t->crash_flush(sig);
  sigaction(sig, &g_previous[sig], nullptr);
  // The signal is blocked while we run; it is delivered again, with the previous disposition,
  // when we return (a fault re-faults on return as well).
  raise(sig);
  errno = saved_errno;
}

void on_terminate() {
  if (CrashTarget* t = g_target.exchange(nullptr)) t->crash_flush(0);
  if (g_previous_terminate) g_previous_terminate();
  std::abort();
}

void install_handlers() {
  struct sigaction sa {};
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  for (int sig : kSignals) sigaction(sig, &sa, &g_previous[sig]);
  g_previous_terminate = std::set_terminate(on_terminate);
}

}  // namespace

void install(CrashTarget* t) {
  std::call_once(g_installed, install_handlers);
  g_target.store(t);
}

void remove(CrashTarget* t) noexcept {
  CrashTarget* expected = t;
  g_target.compare_exchange_strong(expected, nullptr);
}

const char* describe(int sig) noexcept {
  switch (sig) {
    case 0: return "std::terminate";
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
  }
  return "a signal";
}

}  // namespace csptrace::crash_guard
