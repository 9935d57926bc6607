#include "state_text.hpp"

namespace cspview {

using csptrace::kNone;
using csptrace::ProcState;

ProcessStateText describe_process(const TraceDocument& doc, const csptrace::ReplayState& s,
                                  uint32_t p) {
  ProcessStateText out;
  const auto& ps = s.processes[p];
  const auto& m = doc.model();
  out.state = std::string(csptrace::to_string(ps.state));
  const std::string_view error = m.str(m.processes()[p].error);
  if (ps.state == ProcState::ExitedError && !error.empty()) out.state += ": " + std::string(error);
  if (!csptrace::is_waiting(ps.state)) return out;
  out.waiting = true;
  out.woken = ps.wait.completed;
  out.waits_on = std::string(csptrace::to_string(ps.wait.op));
  if (ps.wait.chan != kNone) {
    out.waits_on += " " + doc.channel_label(ps.wait.chan);
    if (ps.wait.op == csptrace::WaitOp::Put && ps.wait.value.kind != csptrace::Value::Kind::None)
      out.waits_on += " ← " + m.value_text(ps.wait.value);
  } else {
    std::string guards;
    for (const auto& g : ps.wait.guards) {
      if (g.chan == kNone) continue;
      guards += (guards.empty() ? "" : ", ") + std::string(csptrace::to_string(g.op)) + " " +
                doc.channel_label(g.chan);
    }
    out.waits_on += " [" + guards + "]";
  }
  if (out.woken) out.waits_on += " (done, wakes next)";
  out.where = std::string(m.str(ps.wait.loc));
  return out;
}

ChannelStateText describe_channel(const TraceDocument& doc, const csptrace::ReplayState& s,
                                  uint32_t c) {
  ChannelStateText out;
  const auto& cs = s.channels[c];
  const auto& m = doc.model();
  if (!cs.made) {
    out.contents = "not made yet";
    return out;
  }
  const auto& info = m.channels()[c];
  if (info.cap > 0 || !cs.buffer.empty()) {
    out.contents = "[";
    for (size_t i = 0; i < cs.buffer.size(); ++i) {
      if (i == 8) {
        out.contents += ", … " + std::to_string(cs.buffer.size() - 8) + " more";
        break;
      }
      out.contents += (i ? ", " : "") + m.value_text(cs.buffer[i].value);
    }
    out.contents += "]";
    if (info.cap > 0)
      out.contents += " " + std::to_string(cs.buffer.size()) + "/" + std::to_string(info.cap);
  } else {
    out.contents = info.buffer == csptrace::BufferKind::Timer ? (cs.timer_fired   ? "fired"
                                                                 : cs.timer_armed ? "armed"
                                                                                  : "idle")
                                                              : "empty (rendezvous)";
  }
  if (cs.closed) out.contents += ", closed";
  auto list = [&](const csptrace::FrontQueue<csptrace::Waiter>& ws, bool with_value) {
    std::string text;
    for (const auto& w : ws) {
      text += (text.empty() ? "" : ", ") +
              (w.proc != kNone ? doc.process_label(w.proc) : std::string("?"));
      if (with_value && w.value.kind != csptrace::Value::Kind::None)
        text += " (" + m.value_text(w.value) + ")";
      if (w.in_alt) text += " in alt";
    }
    return text;
  };
  out.putters = list(cs.putters, true);
  out.takers = list(cs.takers, false);
  return out;
}

}  // namespace cspview
