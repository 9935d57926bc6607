// The story view: what the step at the cursor means, in plain words, for a lecture. It names
// the rendezvous to draw thick and coloured above everything ("main → in → hot-dog-machine:
// \"pocket lint\""), a caption for the line under the toolbar ("main hands \"pocket lint\" to
// hot-dog-machine through in: a rendezvous, both were there"), and the view that keeps the
// step and a few neighbours readable when the view follows the cursor. Qt-free.
#pragma once

#include "time_scale.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace cspview {

class TraceDocument;

struct StoryStep {
  // The hand-over to highlight: the cursor's transfer or buffer put, or for a wake the
  // transfer that caused it. nullopt when the step moves no value.
  std::optional<size_t> focus;
  std::string label;    // the focus as an arrow: `main → in → hot-dog-machine: "pocket lint"`
  std::string caption;  // the cursor's step in words
};

// The story of the step after `cursor` (nullopt: before the first event).
StoryStep story_at(const TraceDocument& doc, std::optional<size_t> cursor);

// Where the view goes when it follows the cursor to `event`: `current` when the event and its
// `neighbours` events each side (by event order) are in view and spread over at least a
// quarter of it; otherwise a view fitted to them. Only the start and zoom change.
TimeScale follow_view(const TimeScale& current, const TraceDocument& doc, size_t event,
                      int neighbours = 3);

}  // namespace cspview
