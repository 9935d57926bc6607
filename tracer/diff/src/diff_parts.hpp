// What diff_traces and the follower of a streamed run B share.
#pragma once

#include <csptrace/trace_diff.hpp>

namespace csptrace::diff_detail {

// The findings one run has and the other has not (d.match must be complete), and how each
// run ended.
void diff_outcomes(const std::vector<Finding>& fa, const std::vector<Finding>& fb, EndReason end_a,
                   EndReason end_b, TraceDiff& d);

}  // namespace csptrace::diff_detail
