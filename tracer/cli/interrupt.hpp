// Ctrl-C (SIGINT) and SIGTERM during a step of a verb that can stop cleanly (reading a trace,
// building a database): while an InterruptScope lives, the first such signal sets a flag the
// step polls; the step then throws, removes what it had written, and the verb exits with 128 +
// the signal's number. The handler resets itself, so a second signal kills at once. Outside a
// scope the signals keep their default action: a verb that does not poll dies as before.
#pragma once

#include <atomic>

namespace csptrace::cli {

class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  // Becomes true on the first signal; a step's cancel flag (LoadOptions, BuildControl).
  static const std::atomic<bool>* flag();
};

// The signal that interrupted a step of this process, or 0.
int interrupting_signal();

}  // namespace csptrace::cli
