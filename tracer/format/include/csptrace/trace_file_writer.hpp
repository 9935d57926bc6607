// Writes a whole trace, given as its events and their string table, in either encoding. For a
// trace made at once rather than recorded as it runs: the snapshot a dump writes.
#pragma once

#include <csptrace/event.hpp>
#include <csptrace/string_table.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csptrace {

enum class TraceEncoding { Binary, Jsonl };

// The encoding a trace file's name asks for: *.csptrace binary, *.jsonl JSON Lines, else none
// (the one rule for recorders, dumps and anything else that names a trace it writes).
std::optional<TraceEncoding> encoding_of(std::string_view path);

// e.seq and e.t of each event are written as they are. Throws std::runtime_error naming the
// path when it cannot be created or written.
void write_trace_file(const std::string& path, TraceEncoding encoding, const TraceHeader& header,
                      const std::vector<Event>& events, const StringTable& strings);

}  // namespace csptrace
