// What makes a finding's explanation lead somewhere: the processes, channels and events it
// names, as pieces of text with a target, and the events it gives as the cause (the producer's
// exit for a stranded wait, the timer that fired for a lost message). Qt-free; the panels turn
// the pieces into links.
//
// The explanation names a channel in quotes ("fork-1"), a process by its bare name and an event
// as "event 10" (the number csptrace prints); a bare name inside a longer word ("main.cpp") is
// not a process.
#pragma once

#include <csptrace/finding.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cspview {

class TraceDocument;

struct TextPiece {
  enum class Kind : uint8_t { Text, Process, Channel, Event };
  Kind kind = Kind::Text;
  std::string text;
  size_t target = 0;  // dense process / channel index, or event index
  bool operator==(const TextPiece&) const = default;
};

// The text cut into pieces; joining their texts gives `text` back.
std::vector<TextPiece> link_names(const TraceDocument& doc, std::string_view text);

// The events the finding's explanation names other than the finding's own event, in the order
// it names them (event indices). For a stranded wait that names none, the last exit of the
// other processes that used its channel. Empty when there is nothing more to show.
std::vector<size_t> finding_causes(const TraceDocument& doc, const csptrace::Finding& f);

}  // namespace cspview
