#include "process_state_colour.hpp"

namespace cspview {

using csptrace::ProcState;

std::optional<StateColour> process_state_colour(ProcState state, csptrace::WaitOp op) {
  switch (state) {
    case ProcState::NotStarted: return std::nullopt;
    case ProcState::Running: return StateColour::Running;
    case ProcState::Runnable: return StateColour::Runnable;
    case ProcState::Parked:
      return op == csptrace::WaitOp::Put    ? StateColour::ParkedPut
             : op == csptrace::WaitOp::Take ? StateColour::ParkedTake
                                            : StateColour::ParkedAlt;
    case ProcState::Blocked: return StateColour::BlockedThread;
    case ProcState::Sleeping: return StateColour::Sleeping;
    case ProcState::ExitedOk: return StateColour::Exited;
    case ProcState::ExitedError: return StateColour::Error;
  }
  return std::nullopt;
}

}  // namespace cspview
