// A dump of the run's state on demand: every process and channel, who waits on what and where,
// and what each buffer holds, written as a trace file (a snapshot) that `csptrace check` and
// cspview open. SIGUSR1 does the same from outside (docs/long-runs.md, "Dump a hung program").
//
//   csp::Options opt;
//   opt.dump_on_signal = true;  // or CSP_DUMP=1 in the environment
//   csp::run(opt, [] { ...; std::string written = csp::dump_state().path; ... });
#pragma once

#include <cstddef>
#include <string>

namespace csp {

// What a dump wrote.
struct DumpWritten {
  std::string path;
  std::size_t processes = 0, waiting = 0, channels = 0;
  double ms = 0;       // the whole dump, from the start of the cut to the file in place
  double held_ms = 0;  // how long the run's channels were held (the cut): their operations waited
};

// Writes the dump to `path` (*.csptrace or *.jsonl; empty: the next numbered name, as SIGUSR1's
// dumps are named). Any thread of the run may call it; it waits for a dump being written.
// Throws std::runtime_error outside csp::run, in a run without Options::dump_on_signal (or
// CSP_DUMP), or when the file cannot be written.
DumpWritten dump_state(const std::string& path = {});

}  // namespace csp
