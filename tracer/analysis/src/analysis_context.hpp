// What every check reads: the run's end state, who used which channel, the wait-for graph,
// the words to explain with, and which processes a more specific finding already explained.
#pragma once

#include "channel_use.hpp"
#include "narrator.hpp"
#include "wait_graph.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/finding.hpp>
#include <csptrace/replay.hpp>

#include <string>
#include <vector>

namespace csptrace {

struct AnalysisContext {
  // From the end state of a run and what ChannelUse found in all its events (judge() makes it
  // from the model, a streaming pass as the events go by); m, end and use outlive the context.
  AnalysisContext(const TraceModel& m, const ReplayState& end, const ChannelUse& use);

  const TraceModel& m;
  const ReplayState& end;
  // The program finished (end event with reason normal): nothing will ever run again, and what
  // is left alive leaked.
  const bool program_over;
  const ChannelUse& use;
  const WaitGraph graph;
  const Narrator say;
  // How sure a finding about the end state is: proven for a complete trace, observed for one
  // cut short while everything waited, predicted for one cut short while others still ran.
  const Strength end_strength;
  std::vector<char> explained;  // by process: named by an earlier, more specific finding

  // A finding of this kind about the end state, at `event`.
  Finding make(FindingKind kind, Severity severity, size_t event) const;
  // The same for a predicted process (a warning, strength predicted) or a dead one (`severity`,
  // the end's strength).
  Finding make_about(uint32_t p, FindingKind kind, Severity severity, size_t event) const;
  // Adds p, the channels it waits on and its wait's location to f (each once).
  void add_process(Finding& f, uint32_t p) const;
  // add_process for a p known not to be in f yet (a loop over distinct processes): no scan of
  // f.processes, which made a finding about n processes O(n^2).
  void add_new_process(Finding& f, uint32_t p) const;
  static void add_channel(Finding& f, uint32_t c);
  static void add_location(Finding& f, std::string loc);
  // Why none of the processes that could complete p's wait w will, naming only processes that
  // did the operation, own or hold the channel, or (saying so) may hold a handle to it: "Only
  // producer ever put on \"jobs\"; it exited at 1.000 ms (event 9), and nobody closed "jobs"."
  std::string why_stuck(uint32_t p, WaitOn w) const;
  // why_stuck of each guard of p's alt, as "Guard i (op): ...": the first kNamedInList guards,
  // then one sentence counting the others (an alt over a million guards is one finding, not a
  // million sentences).
  std::vector<std::string> why_guards_stuck(uint32_t p) const;
  // What became of releaser q of p's wait w: "exited at ...", "is itself stuck at ...", "is
  // asleep until 60.000 s and has not used \"mu\" since p began waiting", ...
  std::string state_of(uint32_t q, uint32_t p, WaitOn w) const;
  // For a predicted process: the sleepers and possible holders that alone could still release
  // p ("main, asleep until 60.000 s, which has not used \"mu\" since"); empty when none.
  std::vector<std::string> weak_hopes(uint32_t p) const;
  // The processes weak_hopes names.
  std::vector<uint32_t> weak_hope_procs(uint32_t p) const;
  // True when every process that could ever complete any of p's waits has exited (p is the
  // root of its trouble, not waiting on other stuck processes).
  bool partners_gone(uint32_t p) const;
};

// judge() of the run cx describes (a run of at least one event).
Verdict judge_in(AnalysisContext& cx);

// The checks, one per finding kind, in the order judge() runs them. Each appends its findings
// and marks the processes it explained.
void find_global_deadlock(AnalysisContext& cx, std::vector<Finding>& out);
void find_wait_cycles(AnalysisContext& cx, std::vector<Finding>& out);
void find_timeout_masked_losses(AnalysisContext& cx, std::vector<Finding>& out);
void find_dead_alts(AnalysisContext& cx, std::vector<Finding>& out);
void find_stranded_waits(AnalysisContext& cx, std::vector<Finding>& out);
void find_blocked_at_exit(AnalysisContext& cx, std::vector<Finding>& out);
void find_leaks_at_exit(AnalysisContext& cx, std::vector<Finding>& out);
void find_timer_quiescence(AnalysisContext& cx, std::vector<Finding>& out);

}  // namespace csptrace
