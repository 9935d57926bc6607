// What a channel node of the process network says about its channel: its kind in the words of
// the trace ("fixed(3)", "unbuffered", "timer 50 ms") and its buffer at the cursor as a row of
// slots ("▮▮▯": two values in a buffer of three), long buffers as a count ("37/100").
#pragma once

#include <csptrace/replay_state.hpp>
#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <string>

namespace cspview {

// Longest buffer drawn slot by slot; a bigger one shows "level/cap".
inline constexpr uint32_t kMaxSlotGlyphs = 8;

std::string channel_kind_text(const csptrace::ChannelInfo& info);
// The buffer's fill: "▮▮▯" for a fixed / dropping / sliding buffer, "▮" or "▯" for a promise,
// "armed" / "fired" for a timer, empty for an unbuffered channel; " closed" appended when closed.
std::string channel_fill_text(const csptrace::ChannelInfo& info, const csptrace::ChannelState& s);

}  // namespace cspview
