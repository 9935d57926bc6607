// timeout(d): a channel that closes when d has passed (virtual time under the deterministic
// scheduler). Taking from it waits until then and yields nothing; use it as an alts guard.
#pragma once

#include <csp/chan.hpp>
#include <csp/unit.hpp>

#include <chrono>
#include <csp/source_location.hpp>

namespace csp {

namespace detail {
// Creates the timer channel (records chan_make and timer_arm) and arms its timer.
ChannelCore* make_timeout(std::chrono::nanoseconds d, csp::SourceLocation loc);
}  // namespace detail

template <class Rep, class Period>
Chan<Unit> timeout(std::chrono::duration<Rep, Period> d,
                   csp::SourceLocation loc = csp::SourceLocation::current()) {
  return Chan<Unit>(
      detail::make_timeout(std::chrono::duration_cast<std::chrono::nanoseconds>(d), loc));
}

}  // namespace csp
