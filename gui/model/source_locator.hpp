// Where the source of a trace's "file:line" is on this machine, for the source pane. Qt-free.
//
// The search order, first hit wins: the path as the trace recorded it (absolute, or relative
// to the working folder); relative to the trace's own folder; then relative to each extra
// folder in order (`--source-dir`, then the folder the user picked once). An absolute path
// recorded on another machine is also tried by its trailing parts under each folder
// ("/home/ann/cspscope/samples/hotdog/main.cpp" as "samples/hotdog/main.cpp", "hotdog/main.cpp",
// "main.cpp"), longest first. Every path tried is kept, so a miss can say where it looked.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cspview {

class TraceDocument;

struct SourceRef {
  std::string file;  // as recorded
  int line = 0;      // 1-based
  bool operator==(const SourceRef&) const = default;
};

// "main.cpp:42" -> {"main.cpp", 42}; nullopt without a ":LINE" ending.
std::optional<SourceRef> parse_source_ref(std::string_view loc);

// The source line of an event: its own loc, else the most recent earlier line recorded by the
// processes it is about (for a rendezvous, the wait of the one that was there first: the
// taker's park for a "take"). nullopt when the trace records none.
std::optional<SourceRef> source_of_event(const TraceDocument& doc, size_t event);

struct SourceLookup {
  std::optional<std::string> found;  // the path that exists
  std::vector<std::string> tried;    // every path tried, in order (the hit last)
  // "main.cpp not found; tried: a, b, c" (empty when found).
  std::string message(const SourceRef& ref) const;
};

SourceLookup locate_source(const std::string& recorded, const std::string& trace_path,
                           const std::vector<std::string>& extra_dirs);

}  // namespace cspview
