// What two runs' steps, transfers and decisions are compared by, as numbers that one run can
// keep while the other is read (run_digest.hpp). A step's digest covers exactly what StepCompare
// says (process_steps.hpp), with its channel as run A's channel index: run A's own, or for
// run B its counterpart in A (kUnmatched when it has none). Texts and values are hashed by their
// bytes, so two steps with equal digests are the same step unless 64-bit hashes collide.
#pragma once

#include <csptrace/process_steps.hpp>
#include <csptrace/run_digest.hpp>

#include <cstdint>

namespace csptrace::diff_detail {

// A channel or process of run B with no counterpart in A: equal to none of A's, nor to "none".
inline constexpr uint32_t kUnmatched = kNone - 1;

// Hashes of a value and of a step. chan_in_a is the step's channel as above (kNone: it has none).
uint64_t value_digest(const TraceModel& m, const Value& v);
uint64_t step_digest(const TraceModel& m, size_t i, uint32_t proc, uint32_t chan_in_a,
                     StepCompare how);

// Decide event i, its process and channel given as run A's indices.
RunDigest::Decision decision_of(const TraceModel& m, size_t i, uint32_t proc_in_a,
                                uint32_t chan_in_a);

}  // namespace csptrace::diff_detail
