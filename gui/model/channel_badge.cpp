#include "channel_badge.hpp"

#include <csptrace/event_format.hpp>

namespace cspview {

using csptrace::BufferKind;

std::string channel_kind_text(const csptrace::ChannelInfo& info) {
  const std::string kind(csptrace::to_string(info.buffer));
  switch (info.buffer) {
    case BufferKind::Fixed:
    case BufferKind::Dropping:
    case BufferKind::Sliding: return kind + "(" + std::to_string(info.cap) + ")";
    case BufferKind::Timer: return kind + " " + csptrace::format_duration(info.duration);
    case BufferKind::Unbuffered:
    case BufferKind::Promise: break;
  }
  return kind;
}

std::string channel_fill_text(const csptrace::ChannelInfo& info, const csptrace::ChannelState& s) {
  static constexpr const char* kFull = "\u25AE";   // ▮
  static constexpr const char* kEmpty = "\u25AF";  // ▯
  std::string out;
  const uint32_t level = s.level();
  switch (info.buffer) {
    case BufferKind::Unbuffered: break;
    case BufferKind::Promise: out = level > 0 ? kFull : kEmpty; break;
    case BufferKind::Timer: out = s.timer_fired ? "fired" : s.timer_armed ? "armed" : ""; break;
    case BufferKind::Fixed:
    case BufferKind::Dropping:
    case BufferKind::Sliding:
      if (info.cap > kMaxSlotGlyphs) {
        out = std::to_string(level) + "/" + std::to_string(info.cap);
      } else {
        for (uint32_t i = 0; i < info.cap; ++i) out += i < level ? kFull : kEmpty;
      }
      break;
  }
  if (s.closed && info.buffer != BufferKind::Timer) out += out.empty() ? "closed" : " closed";
  return out;
}

}  // namespace cspview
