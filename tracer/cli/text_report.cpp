// Text is bytes until proven UTF-8 (utf8_text.hpp): a binary trace carries whatever the program
// named things. Every JSON output (check --format json|sarif, stats --json, export to jsonl or
// chrome) shows each byte that is not part of a well-formed sequence as U+FFFD; this says so
// once per run, on stderr, so that a changed name is never a silent change.
#include "cli.hpp"

#include <csptrace/utf8_text.hpp>

#include <iostream>

namespace csptrace::cli {

void report_text_not_utf8(const std::string& verb, const TraceModel& m) {
  size_t bad = 0;
  std::string_view first;
  for (StrId id = 0; id < m.strings().size(); ++id) {
    const std::string_view s = m.strings().get(id);
    if (is_valid_utf8(s)) continue;
    if (bad++ == 0) first = s;
  }
  if (!is_valid_utf8(m.header().program) && bad++ == 0) first = m.header().program;
  if (bad == 0) return;
  std::cerr << "csptrace " << verb << ": warning: " << m.source() << ": " << bad
            << (bad == 1 ? " text is" : " texts are") << " not valid UTF-8 (the first: \""
            << valid_utf8(first.substr(0, 60))
            << "\"); JSON shows each invalid byte as U+FFFD. 'csptrace export --format csptrace' "
               "keeps the bytes exactly\n";
}

}  // namespace csptrace::cli
