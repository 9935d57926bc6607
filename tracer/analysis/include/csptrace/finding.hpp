// A problem the analysis found in a run: what kind, how bad, how sure, where and when, which
// processes and channels, and a plain-English explanation naming them. docs/analysis.md
// describes each kind, when it fires, and an example.
#pragma once

#include <csptrace/event_format.hpp>
#include <csptrace/schema.hpp>
#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csptrace {

// X(Enumerator, "name", "meaning")
#define CSPTRACE_FINDING_KINDS(X)                                                               \
  X(GlobalDeadlock, "global-deadlock",                                                          \
    "every live process waits and nothing can wake any of them")                                \
  X(WaitCycle, "wait-cycle", "processes each waiting for another in the set")                   \
  X(StrandedWait, "stranded-wait", "a process waits on a channel nobody who is left will use")  \
  X(DeadAlt, "dead-alt", "an alt none of whose guards can ever become ready")                   \
  X(TimeoutMaskedLoss, "timeout-masked-loss",                                                   \
    "an alt took its timeout and the partner it abandoned waits forever")                       \
  X(BlockedAtExit, "blocked-at-exit",                                                           \
    "the program ended while a process waited on a channel for what nobody left would do")      \
  X(LeakAtExit, "leak-at-exit", "processes still running (not waiting) when the program ended") \
  X(TimerQuiescence, "timer-quiescence", "every live process waits, but a timer is armed")

#define CSPTRACE_SEVERITIES(X)                \
  X(Error, "error", "the program is wrong")   \
  X(Warning, "warning", "probably a mistake") \
  X(Info, "info", "worth knowing")

#define CSPTRACE_STRENGTHS(X)                                                                   \
  X(Proven, "proven", "the runtime reported it, or the complete trace leaves no other outcome") \
  X(Observed, "observed", "seen at the end of a trace that was cut short")                      \
  X(Predicted, "predicted", "inferred from which processes used the channels; others still ran")

CSPTRACE_ENUM(FindingKind, CSPTRACE_FINDING_KINDS)
CSPTRACE_ENUM(Severity, CSPTRACE_SEVERITIES)
CSPTRACE_ENUM(Strength, CSPTRACE_STRENGTHS)

inline std::string_view finding_doc(FindingKind k) noexcept { return enum_doc(k); }

// One edge of the wait-for graph: `waiter` waits on `chan` (to put or take, per op), and
// `releaser` is a live process that could complete that operation (see docs/analysis.md).
struct WaitEdge {
  uint32_t waiter = kNone;
  uint32_t releaser = kNone;
  uint32_t chan = kNone;
  WaitOp op = WaitOp::Take;
  bool operator==(const WaitEdge&) const = default;
};

struct Finding {
  FindingKind kind = FindingKind::GlobalDeadlock;
  Severity severity = Severity::Error;
  Strength strength = Strength::Proven;
  size_t event = kNone;             // the event to show (where the wait began, the deadlock, ...)
  int64_t time = 0;                 // its time
  std::vector<uint32_t> processes;  // dense process indices, the most important first
  std::vector<uint32_t> channels;   // dense channel indices
  std::vector<std::string> locations;  // distinct "file:line" of the waits, first mention first
  std::string explanation;             // one paragraph of plain English
  // wait-cycle only: the cycle in order, each edge's releaser the next edge's waiter, the last
  // edge's releaser the first edge's waiter.
  std::vector<WaitEdge> cycle;
  bool operator==(const Finding&) const = default;
};

}  // namespace csptrace
