// "Go to the waker": for a resume or an unblock, the event that caused the wake (the waker's
// transfer, close or alt choice, or the timer's fire). One small function, so that the
// definition can be replaced by the analysis library's in one place.
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstddef>
#include <optional>

namespace cspview {

// Searches back at most `limit` events; nullopt for any other kind, or when nothing is found.
std::optional<size_t> waker_of(const csptrace::TraceModel& m, size_t event, size_t limit = 1'000'000);

}  // namespace cspview
