// What every sample shares: its own flags (--rounds N, --deadlock, ...; the runtime's --seed,
// --trace and --workers are read by csp::Options::from_args) and its exit status.
#pragma once

#include <csp/run.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>

namespace samples {

// The runtime's options from argv (--seed, --trace, --trace-ring, --schedule, --replay, --workers),
// with the sample's own flags (`own`) allowed beside them. A malformed value or an unknown flag (a
// typo such as --trace-size) is named on stderr, with the nearest known flag, and the sample exits
// with status 2 instead of running without what was asked for.
inline csp::Options options(int argc, char** argv,
                            std::initializer_list<std::string_view> own = {}) {
  try {
    csp::Options o = csp::Options::from_args(argc, argv);
    if (const std::string bad = o.unknown_flag(own); !bad.empty()) {
      std::fprintf(stderr, "%s: %s\n", o.program.c_str(), bad.c_str());
      std::exit(2);
    }
    return o;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "%s: %s\n", argc > 0 ? argv[0] : "sample", e.what());
    std::exit(2);
  }
}

inline bool has_flag(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return true;
  return false;
}

inline long int_flag(int argc, char** argv, const char* name, long fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) {
      char* end = nullptr;
      long v = std::strtol(argv[i + 1], &end, 10);
      if (end && *end == '\0' && v > 0) return v;
      std::fprintf(stderr, "%s: %s takes a positive number, not '%s'\n", argv[0], name,
                   argv[i + 1]);
      std::exit(2);
    }
  return fallback;
}

// A sample's exit status: 0 when it ran to the end or deadlocked (a deadlock is the lesson, and
// the runtime has reported and recorded it), 1 when the run failed (a process threw, or a
// replay diverged from its trace), after saying why on stderr.
inline int exit_code(const csp::RunResult& r) {
  if (r.status != csp::RunStatus::Error) return 0;
  std::fprintf(stderr, "%s\n", r.message.c_str());
  return 1;
}

}  // namespace samples
