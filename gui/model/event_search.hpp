// Search over every event, meant to run off the GUI thread (a 6 M-event trace takes a few
// hundred milliseconds): an event matches when its kind, a process or channel it names, its
// value, label, message or source location contains the query (case-insensitive), or when
// the query is "#N" and the event is numbered N. Names and interned strings are matched once
// each, not once per event. Qt-free.
//
// Invariants of a result: `events` is sorted by event index; `by_time` holds the same events
// sorted by (time, index), so the timeline finds the visible matches with a binary search.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cspview {

class TraceDocument;

struct SearchResult {
  std::string query;
  std::vector<uint32_t> events;
  std::vector<uint32_t> by_time;
  bool empty() const { return events.empty(); }
};

// Throws csptrace::LoadCancelled when *cancel turns true; progress gets 0..1.
SearchResult search_events(const TraceDocument& doc, const std::string& query,
                           const std::atomic<bool>* cancel = nullptr,
                           const std::function<void(double)>& progress = {});

// The next match after `from` (an event index; nullopt: before the first event), or with
// forward == false the one before it, wrapping around at the ends; nullopt without matches.
std::optional<size_t> next_match(const SearchResult& r, std::optional<size_t> from, bool forward);

}  // namespace cspview
