// Catches the ways a program dies with a recording open (fatal signals, std::terminate) and lets
// the one active recorder write what it holds before the process ends.
//
// While a target is installed: SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTERM and SIGINT run
// target->crash_flush(sig) once, then the previous disposition is restored and the signal
// re-raised (so the exit status and core dump are what they would have been); std::terminate
// runs crash_flush(0) and then the previous terminate handler.
#pragma once

namespace csptrace {

class CrashTarget {
 public:
  virtual ~CrashTarget() = default;
  // Must be async-signal-safe: no locks that the interrupted code may hold, no allocation.
  // sig is the signal number, or 0 for std::terminate.
  virtual void crash_flush(int sig) noexcept = 0;
};

// Forwards to R::crash_flush (which R may keep private by befriending this).
template <class R>
class CrashFlushOf final : public CrashTarget {
 public:
  explicit CrashFlushOf(R& r) : r_(r) {}
  void crash_flush(int sig) noexcept override { r_.crash_flush(sig); }

 private:
  R& r_;
};

namespace crash_guard {
// Installs the handlers (once per process) and makes t the target, replacing any other.
void install(CrashTarget* t);
// Clears the target if it is t. The handlers stay installed and pass signals through.
void remove(CrashTarget* t) noexcept;
// "SIGSEGV" etc., "std::terminate" for 0.
const char* describe(int sig) noexcept;
// The signals handled, for callers that prepare one message per signal.
inline constexpr int kSignals[] = {11, 7, 8, 4, 6, 15, 2};  // SEGV BUS FPE ILL ABRT TERM INT
}  // namespace crash_guard

}  // namespace csptrace
