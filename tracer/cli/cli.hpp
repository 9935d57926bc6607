// Shared pieces of the csptrace verbs: each verb is a function taking its own arguments.
#pragma once

#include <csptrace/finding.hpp>
#include <csptrace/load_options.hpp>
#include <csptrace/trace_model.hpp>

#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

namespace csptrace::cli {

using Args = std::vector<std::string>;

// Exit codes shared by every verb.
inline constexpr int kOk = 0;
inline constexpr int kFailed = 1;      // the file was read, and the verb's answer is "no"
inline constexpr int kUnreadable = 2;  // usage error, or the file cannot be used

int cmd_validate(const Args& args);
int cmd_print(const Args& args);
int cmd_schema(const Args& args);
int cmd_export(const Args& args);
int cmd_stats(const Args& args);
int cmd_check(const Args& args);
int cmd_explore(const Args& args);
int cmd_query(const Args& args);
int cmd_diff(const Args& args);

// Runs a verb: std::bad_alloc becomes a message and kUnreadable; then finish_output.
int run_verb(const std::string& verb, int (*run)(const Args&), const Args& args);
// Flushes standard output and returns `status`, or kUnreadable with the reason on stderr when
// any write to standard output failed. Every verb's result goes through it (main.cpp).
int finish_output(const std::string& verb, int status);

// The trace named by FILE ("-": standard input; a pipe or named pipe is streamed), with its
// warnings printed on stderr. Throws TraceError as load_trace does. options' notice is set to
// print on stderr; its other members are the caller's (following, per-event callbacks).
TraceModel load_input(const std::string& file, LoadOptions options = {});
// FILE read in one pass and judged as it loads (csptrace check): each batch of events is
// replayed, shown to `take` (when set), then let go of, so the memory is bounded by the run's
// processes and channels, not by its events (with the times of the retired events that the
// findings may name: StreamingJudge::retire). A progress line covers the judging at the end.
struct JudgedRun {
  TraceModel model;  // holding only what the judge kept
  std::vector<Finding> findings;
};
JudgedRun load_judged(const std::string& file,
                      const std::function<void(const TraceModel&)>& take = {});
// A regular FILE read whole a second time, after a first load_input printed its warnings: the
// same without them.
TraceModel load_again(const std::string& file);
// Options for a verb that reads in one pass: after each batch of events, use(model so far)
// takes the new events and returns the first event it still needs; the model lets go of the
// ones before it, so the verb's memory does not grow with the trace. Their times stay (1.5
// bytes an event) for a verb that names them later (check); RetiredTimes::Forget lets them go
// too, for a verb that never looks back (stats, validate).
LoadOptions one_pass(std::function<size_t(const TraceModel&)> use,
                     TraceModelBuilder::RetiredTimes times = TraceModelBuilder::RetiredTimes::Keep);
// True when FILE can be read twice: a regular file, not "-", a pipe or a named pipe.
bool rereadable(const std::string& file);
struct TwiceRead {
  TraceModel model;  // the second read's, holding the events `use` kept
  size_t events;     // the events the first read saw: the ones `use` was given
};
// For a verb that writes events as they load but labels them as only the whole trace can
// (print, the chrome export): reads a regular FILE twice, holding neither read whole. The
// first read, to the end, settles which names processes and channels share; `first` sees that
// model (its processes and channels with their names, and times; no events, and of a JSON Lines
// trace no other text: LoadOptions::names_only; its warnings are printed), then it is let go. The
// second gives each batch of events to use(so_far, end), with those names marked: use writes
// the events before `end` that it has not written yet and returns the first one it still
// needs. Events past the first read's (a trace still being written) are not given. Throws
// TraceError when FILE is another trace by the second read. Without progress_while_used the
// second read draws no progress line (print to a terminal: it would land among the events).
TwiceRead read_twice(const std::string& file, const std::function<void(const TraceModel&)>& first,
                     const std::function<size_t(const TraceModel&, size_t end)>& use,
                     bool progress_while_used = true);
// True for an argument that is an option ("-x", "--x"); "-" alone is a FILE (standard input).
bool is_option(const std::string& arg);

// Warns once on stderr when texts of m are not valid UTF-8, before a JSON output that shows their
// invalid bytes as U+FFFD (text_report.cpp).
void report_text_not_utf8(const std::string& verb, const TraceModel& m);

// True if args holds -h or --help.
bool wants_help(const Args& args);
// Prints "csptrace VERB: message" and a hint to --help on stderr; returns kUnreadable.
int usage_error(const std::string& verb, const std::string& message);
// usage_error for an option the verb does not have, naming the nearest one it has ("did you
// mean --format?") when one is close.
int unknown_option(const std::string& verb, const std::string& option,
                   std::initializer_list<const char*> known);
// The known word closest to `word` by edit distance, or "" when none is within a third of it.
std::string nearest(const std::string& word, std::initializer_list<const char*> known);

}  // namespace csptrace::cli
