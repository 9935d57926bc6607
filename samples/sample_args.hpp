// The samples' own flags (--rounds N, --deadlock, ...). The runtime's flags (--seed, --trace,
// --workers) are read by csp::Options::from_args.
#pragma once

#include <cstdlib>
#include <cstring>
#include <string>

namespace samples {

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
      std::fprintf(stderr, "%s: %s takes a positive number, not '%s'\n", argv[0], name, argv[i + 1]);
      std::exit(2);
    }
  return fallback;
}

}  // namespace samples
