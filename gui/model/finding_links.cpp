#include "finding_links.hpp"

#include "event_number.hpp"
#include "name_index.hpp"
#include "trace_document.hpp"

#include <algorithm>
#include <cctype>

namespace cspview {

namespace {

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '#';
}

// A bare name is a whole word: not inside a longer name, not the stem of "main.cpp".
bool whole_word(std::string_view text, size_t at, size_t len) {
  if (at > 0 && (name_char(text[at - 1]) || text[at - 1] == '.' || text[at - 1] == '/' ||
                 text[at - 1] == '"'))
    return false;
  const size_t end = at + len;
  if (end < text.size()) {
    const char c = text[end];
    if (name_char(c) || c == '"') return false;
    if ((c == '.' || c == ':') && end + 1 < text.size() &&
        !std::isspace(static_cast<unsigned char>(text[end + 1])))
      return false;
  }
  return true;
}

}  // namespace

std::vector<TextPiece> link_names(const TraceDocument& doc, std::string_view text) {
  const auto& m = doc.model();
  const NameIndex& names = doc.name_index();

  std::vector<TextPiece> out;
  auto plain = [&out](std::string_view s) {
    if (s.empty()) return;
    if (!out.empty() && out.back().kind == TextPiece::Kind::Text)
      out.back().text += s;
    else
      out.push_back({TextPiece::Kind::Text, std::string(s), 0});
  };
  size_t i = 0, run = 0;  // run: start of the plain text not yet emitted
  while (i < text.size()) {
    std::optional<TextPiece> hit;
    // "event 10": the number csptrace prints.
    if (text.compare(i, 6, "event ") == 0 && whole_word(text, i, 5)) {
      size_t j = i + 6;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
      if (j > i + 6) {
        const uint64_t number = std::stoull(std::string(text.substr(i + 6, j - i - 6)));
        if (auto e = event_at_number(m, number); e && m.seq(*e) == number)
          hit = TextPiece{TextPiece::Kind::Event, std::string(text.substr(i, j - i)), *e};
      }
    }
    // Longest first, so "phil-10" wins over "phil-1" and "result of x" over "x".
    for (size_t k = 0; !hit && k < names.lengths().size(); ++k) {
      const size_t len = names.lengths()[k];
      if (len > text.size() - i) continue;
      for (const NameIndex::Name& n : names.find(text.substr(i, len))) {
        const bool process = n.kind == NameIndex::Kind::Process;
        if (process && !whole_word(text, i, len)) continue;
        hit = TextPiece{process ? TextPiece::Kind::Process : TextPiece::Kind::Channel,
                        std::string(text.substr(i, len)), n.target};
        break;
      }
    }
    if (!hit) {
      ++i;
      continue;
    }
    plain(text.substr(run, i - run));
    i += hit->text.size();
    run = i;
    out.push_back(std::move(*hit));
  }
  plain(text.substr(run));
  return out;
}

std::vector<size_t> finding_causes(const TraceDocument& doc, const csptrace::Finding& f) {
  std::vector<size_t> out;
  for (const TextPiece& p : link_names(doc, f.explanation))
    if (p.kind == TextPiece::Kind::Event && p.target != f.event &&
        std::find(out.begin(), out.end(), p.target) == out.end())
      out.push_back(p.target);
  if (!out.empty() || f.kind != csptrace::FindingKind::StrandedWait || f.channels.empty() ||
      f.processes.empty())
    return out;
  // A stranded wait whose explanation names no event: the last exit among the other
  // processes that used the channel is where the wait lost its last partner.
  const auto& m = doc.model();
  const uint32_t waiter = f.processes.front();
  size_t best = csptrace::kNone;
  for (uint32_t e : doc.lanes().channel_events(f.channels.front()))
    for (uint32_t p : {m.proc_index(e), m.from_index(e), m.to_index(e)})
      if (p != csptrace::kNone && p != waiter && m.processes()[p].exit_event != csptrace::kNone &&
          (best == csptrace::kNone || m.processes()[p].exit_event > best))
        best = m.processes()[p].exit_event;
  if (best != csptrace::kNone) out.push_back(best);
  return out;
}

}  // namespace cspview
