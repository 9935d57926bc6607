#include "cli.hpp"

#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <iostream>

namespace csptrace::cli {

int cmd_validate(const Args& args) {
  if (wants_help(args)) {
    std::cout << "usage: csptrace validate FILE\n\n"
                 "Reads the whole trace (JSON Lines or binary) and checks every event against the\n"
                 "schema: known kinds, required fields and their types, references to declared\n"
                 "processes and channels, increasing sequence numbers.\n\n"
                 "Exit status: 0 valid (a trace cut short is valid, with a warning),\n"
                 "1 invalid (the message says FILE:LINE: what is wrong, or FILE: offset N: for a\n"
                 "binary file), 2 usage error. A binary file cut short loads up to its last whole\n"
                 "chunk; the warning says how many events were recovered.\n";
    return kOk;
  }
  if (args.size() != 1) return usage_error("validate", "expected exactly one FILE");
  try {
    // Every event is checked as it is added; none is needed afterwards, nor its time, so none
    // is kept.
    const TraceModel m =
        load_input(args[0], one_pass([](const TraceModel& so_far) { return so_far.size(); },
                                     TraceModelBuilder::RetiredTimes::Forget));
    std::cout << args[0] << ": valid, " << m.size() << " events, " << m.processes().size()
              << " processes, " << m.channels().size() << " channels"
              << (m.complete() ? "" : " (incomplete)") << "\n";
    return kOk;
  } catch (const TraceError& ex) {
    std::cerr << ex.what() << "\n";
    return kFailed;
  }
}

}  // namespace csptrace::cli
