// The legend colour of a process state, one mapping for every view: the timeline's state spans
// and the network's process boxes colour a state the same way.
#pragma once

#include "theme.hpp"

#include <csptrace/replay_state.hpp>

#include <optional>

namespace cspview {

// nullopt for NotStarted (nothing to draw); op matters only for Parked.
std::optional<StateColour> process_state_colour(csptrace::ProcState state, csptrace::WaitOp op);

}  // namespace cspview
