#include "source_locator.hpp"

#include "trace_document.hpp"

#include <charconv>
#include <filesystem>

namespace cspview {

namespace fs = std::filesystem;
using csptrace::Field;
using csptrace::kNone;

std::optional<SourceRef> parse_source_ref(std::string_view loc) {
  const size_t colon = loc.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == loc.size()) return std::nullopt;
  int line = 0;
  const auto [end, ec] = std::from_chars(loc.data() + colon + 1, loc.data() + loc.size(), line);
  if (ec != std::errc() || end != loc.data() + loc.size() || line <= 0) return std::nullopt;
  return SourceRef{std::string(loc.substr(0, colon)), line};
}

namespace {

std::optional<SourceRef> own_source(const csptrace::TraceModel& m, size_t e) {
  if (!(m.present(e) & csptrace::f::loc)) return std::nullopt;
  return parse_source_ref(m.str(m.field<Field::loc>(e)));
}

// How far back a process's lane is searched for a loc: enough for any wait and its wake,
// bounded so that a click on a huge trace stays instant.
constexpr size_t kLookBack = 4096;

struct Located {
  SourceRef ref;
  size_t event = 0;
};

std::optional<Located> latest_source(const TraceDocument& doc, uint32_t p, size_t before) {
  if (p == kNone) return std::nullopt;
  const auto lane = doc.lanes().process_events(p);
  size_t looked = 0;
  // The lane is sorted by time; walk it backwards from the last event before `before`.
  for (size_t i = lane.size(); i-- > 0 && looked < kLookBack;) {
    if (lane[i] > before) continue;
    ++looked;
    if (auto ref = own_source(doc.model(), lane[i])) return Located{*ref, lane[i]};
  }
  return std::nullopt;
}

}  // namespace

std::optional<SourceRef> source_of_event(const TraceDocument& doc, size_t e) {
  const auto& m = doc.model();
  if (e >= m.size()) return std::nullopt;
  if (auto ref = own_source(m, e)) return ref;
  // The most recent line among the processes involved: for a rendezvous, the wait of the one
  // that was there first (the taker's park for "take in"), not an older line of the other.
  std::optional<Located> best;
  for (uint32_t p : {m.proc_index(e), m.from_index(e), m.to_index(e)})
    if (auto at = latest_source(doc, p, e); at && (!best || at->event > best->event)) best = at;
  if (!best) return std::nullopt;
  return best->ref;
}

std::string SourceLookup::message(const SourceRef& ref) const {
  if (found) return {};
  std::string out = ref.file + " not found; tried: ";
  for (size_t i = 0; i < tried.size(); ++i) out += (i ? ", " : "") + tried[i];
  if (tried.empty()) out += "nothing";
  return out;
}

SourceLookup locate_source(const std::string& recorded, const std::string& trace_path,
                           const std::vector<std::string>& extra_dirs) {
  SourceLookup out;
  const auto tryp = [&](const fs::path& p) {
    const std::string s = p.lexically_normal().string();
    for (const std::string& t : out.tried)
      if (t == s) return false;
    out.tried.push_back(s);
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      out.found = s;
      return true;
    }
    return false;
  };
  const fs::path rec(recorded);
  if (tryp(rec)) return out;
  // The trailing parts of the recorded path, longest first ("a/b/c.cpp", "b/c.cpp", "c.cpp").
  std::vector<fs::path> tails;
  {
    std::vector<fs::path> parts;
    for (const auto& part : rec.relative_path()) parts.push_back(part);
    for (size_t i = 0; i < parts.size(); ++i) {
      fs::path t;
      for (size_t k = i; k < parts.size(); ++k) t /= parts[k];
      tails.push_back(t);
    }
  }
  std::vector<fs::path> dirs;
  if (!trace_path.empty()) dirs.push_back(fs::path(trace_path).parent_path());
  for (const std::string& d : extra_dirs)
    if (!d.empty()) dirs.emplace_back(d);
  for (const fs::path& dir : dirs) {
    if (rec.is_relative() && tryp(dir / rec)) return out;
    for (const fs::path& t : tails)
      if (tryp(dir / t)) return out;
  }
  return out;
}

}  // namespace cspview
