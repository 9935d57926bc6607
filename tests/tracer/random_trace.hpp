// A random but valid trace: a small simulation of go processes on unbuffered, fixed, sliding and
// dropping channels with puts, takes, alts, closes, timers and exits, recorded exactly as
// docs/trace-format.md ("How the kinds fit together") says the runtime records them. Test input
// for properties that must hold on any trace.
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstdint>

namespace csptrace::testing {

// About `events` events (a few more to end the run), the same for the same seed.
TraceModel random_trace(uint64_t seed, size_t events);

}  // namespace csptrace::testing
