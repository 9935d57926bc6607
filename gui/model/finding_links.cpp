#include "finding_links.hpp"

#include "event_number.hpp"
#include "trace_document.hpp"

#include <algorithm>
#include <cctype>

namespace cspview {

namespace {

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '#'; }

// A bare name is a whole word: not inside a longer name, not the stem of "main.cpp".
bool whole_word(std::string_view text, size_t at, size_t len) {
  if (at > 0 && (name_char(text[at - 1]) || text[at - 1] == '.' || text[at - 1] == '/' || text[at - 1] == '"'))
    return false;
  const size_t end = at + len;
  if (end < text.size()) {
    const char c = text[end];
    if (name_char(c) || c == '"') return false;
    if ((c == '.' || c == ':') && end + 1 < text.size() && !std::isspace(static_cast<unsigned char>(text[end + 1])))
      return false;
  }
  return true;
}

struct Candidate {
  TextPiece::Kind kind;
  std::string pattern;  // what to find in the text
  size_t target;
};

}  // namespace

std::vector<TextPiece> link_names(const TraceDocument& doc, std::string_view text) {
  const auto& m = doc.model();
  std::vector<Candidate> names;
  for (uint32_t c = 0; c < m.channels().size(); ++c)
    names.push_back({TextPiece::Kind::Channel, "\"" + doc.channel_label(c) + "\"", c});
  for (uint32_t p = 0; p < m.processes().size(); ++p)
    names.push_back({TextPiece::Kind::Process, doc.process_label(p), p});
  // Longest first, so "phil-10" wins over "phil-1" and "result of x" over "x".
  std::stable_sort(names.begin(), names.end(),
                   [](const Candidate& a, const Candidate& b) { return a.pattern.size() > b.pattern.size(); });

  std::vector<TextPiece> out;
  auto plain = [&out](std::string_view s) {
    if (s.empty()) return;
    if (!out.empty() && out.back().kind == TextPiece::Kind::Text) out.back().text += s;
    else out.push_back({TextPiece::Kind::Text, std::string(s), 0});
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
    for (size_t k = 0; !hit && k < names.size(); ++k) {
      const Candidate& c = names[k];
      if (c.pattern.empty() || text.compare(i, c.pattern.size(), c.pattern) != 0) continue;
      if (c.kind == TextPiece::Kind::Process && !whole_word(text, i, c.pattern.size())) continue;
      hit = TextPiece{c.kind, c.pattern, c.target};
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
  if (!out.empty() || f.kind != csptrace::FindingKind::StrandedWait || f.channels.empty() || f.processes.empty())
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
