// The values sitting in a channel's buffer at one step of a replay (see replay_state.hpp).
#pragma once

#include <csptrace/front_queue.hpp>
#include <csptrace/trace_model.hpp>

#include <cstddef>

namespace csptrace {

// A value sitting in a channel's buffer.
struct BufferedValue {
  Value value;
  uint32_t putter = kNone;  // process that put it
  size_t event = kNone;     // its buf_put event
  bool operator==(const BufferedValue&) const = default;
};

// The values in a channel's buffer, oldest first (front_queue.hpp says why not a vector).
using BufferContents = FrontQueue<BufferedValue>;

}  // namespace csptrace
