// The argument helpers every verb shares: help, usage errors, and "did you mean" for options.
#include "cli.hpp"

#include <csptrace/edit_distance.hpp>

#include <iostream>

namespace csptrace::cli {

bool wants_help(const Args& args) {
  for (const auto& a : args)
    if (a == "-h" || a == "--help") return true;
  return false;
}

int usage_error(const std::string& verb, const std::string& message) {
  std::cerr << "csptrace " << verb << ": " << message << "\n"
            << "Run 'csptrace " << verb << " --help' for usage.\n";
  return kUnreadable;
}

std::string nearest(const std::string& word, std::initializer_list<const char*> known) {
  std::string best;
  size_t best_d = word.size() / 3 + 1;
  for (const char* k : known) {
    const size_t d = edit_distance(word, k);
    if (d < best_d || (d == best_d && best.empty() && d <= 2)) {
      best = k;
      best_d = d;
    }
  }
  return best;
}

int unknown_option(const std::string& verb, const std::string& option,
                   std::initializer_list<const char*> known) {
  const std::string near = nearest(option, known);
  return usage_error(verb, "unknown option " + option +
                               (near.empty() ? std::string() : "; did you mean " + near + "?"));
}

}  // namespace csptrace::cli
