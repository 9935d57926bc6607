// ExHandler: core.async's ex-handler, of a pipeline (pipeline_parts.hpp) and of a channel with a
// transform (transform_chan.hpp).
#pragma once

#include <exception>
#include <functional>
#include <optional>

namespace csp {

// Called with the exception the pipeline's function (or the channel's transform) threw for one
// value; the value it returns, if any, is put in that value's place, else the value is dropped.
// Without one, the exception is reported (report_exception) and the value dropped; the pipeline
// (the channel) goes on either way.
template <class U>
using ExHandler = std::function<std::optional<U>(std::exception_ptr)>;

}  // namespace csp
