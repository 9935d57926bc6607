#include "event_search.hpp"

#include "event_number.hpp"
#include "trace_document.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>

#include <algorithm>
#include <cctype>

namespace cspview {

using csptrace::Field;
using csptrace::kNone;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

SearchResult search_events(const TraceDocument& doc, const std::string& query,
                           const std::atomic<bool>* cancel,
                           const std::function<void(double)>& progress) {
  SearchResult r;
  r.query = query;
  const auto& m = doc.model();
  const std::string q = lower(query);
  if (q.empty() || m.empty()) return r;
  // "#74": the event numbered 74.
  if (q.size() > 1 && q[0] == '#' && std::all_of(q.begin() + 1, q.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    const uint64_t n = std::stoull(q.substr(1));
    if (auto e = event_at_number(m, n); e && m.seq(*e) == n) r.events = r.by_time = {uint32_t(*e)};
    return r;
  }
  auto hit = [&q](std::string_view s) { return lower(s).find(q) != std::string::npos; };
  std::vector<char> proc(m.processes().size()), chan(m.channels().size()),
      kind(csptrace::kKindCount);
  for (uint32_t p = 0; p < proc.size(); ++p) proc[p] = hit(doc.process_label(p));
  for (uint32_t c = 0; c < chan.size(); ++c) chan[c] = hit(doc.channel_label(c));
  for (int k = 0; k < csptrace::kKindCount; ++k)
    kind[k] = hit(csptrace::to_string(static_cast<csptrace::EventKind>(k)));
  // Interned strings (values, labels, messages, locations) once each.
  std::vector<char> str(m.strings().size());
  for (size_t s = 0; s < str.size(); ++s) str[s] = hit(m.strings().get(csptrace::StrId(s)));
  const bool numeric = std::all_of(q.begin(), q.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '-';
  });
  constexpr csptrace::FieldMask kText =
      csptrace::f::value | csptrace::f::label | csptrace::f::message | csptrace::f::loc;
  auto is = [](uint32_t ix, const std::vector<char>& v) { return ix != kNone && v[ix]; };
  const size_t n = m.size();
  for (size_t i = 0; i < n; ++i) {
    if ((i & 0xffff) == 0) {
      if (cancel && cancel->load()) throw csptrace::LoadCancelled();
      if (progress) progress(double(i) / double(n));
    }
    bool match = kind[static_cast<int>(m.kind(i))] || is(m.proc_index(i), proc) ||
                 is(m.from_index(i), proc) || is(m.to_index(i), proc) || is(m.chan_index(i), chan);
    if (!match && (m.present(i) & kText)) {
      const csptrace::Event e = m.event(i, kText);
      if (e.has(Field::value)) {
        if (e.value.kind == csptrace::Value::Kind::Text)
          match = str[e.value.text];
        else if (e.value.kind == csptrace::Value::Kind::Int && numeric)
          match = std::to_string(e.value.num).find(q) != std::string::npos;
      }
      match = match || (e.has(Field::label) && str[e.label]) ||
              (e.has(Field::message) && str[e.message]) || (e.has(Field::loc) && str[e.loc]);
    }
    if (match) r.events.push_back(uint32_t(i));
  }
  r.by_time = r.events;
  auto by_time = [&m](uint32_t a, uint32_t b) {
    return m.time(a) != m.time(b) ? m.time(a) < m.time(b) : a < b;
  };
  if (!std::is_sorted(r.by_time.begin(), r.by_time.end(), by_time))
    std::sort(r.by_time.begin(), r.by_time.end(), by_time);
  if (progress) progress(1.0);
  return r;
}

std::optional<size_t> next_match(const SearchResult& r, std::optional<size_t> from, bool forward) {
  if (r.events.empty()) return std::nullopt;
  if (forward) {
    auto it = from ? std::upper_bound(r.events.begin(), r.events.end(), *from) : r.events.begin();
    return it == r.events.end() ? r.events.front() : *it;
  }
  if (!from) return r.events.back();
  auto it = std::lower_bound(r.events.begin(), r.events.end(), *from);
  return it == r.events.begin() ? r.events.back() : *(it - 1);
}

}  // namespace cspview
