#include "state_text.hpp"

#include <csptrace/event_format.hpp>

namespace cspview {

using csptrace::kNone;
using csptrace::ProcState;

namespace {

// "a, b, c": the first kNamedInText of n items (item(i) gives the i-th, "" to skip it), then
// ", … 99 980 more": an alt may offer a million guards and a channel have millions waiting, and
// a table cell holds one line.
template <class Item>
std::string first_of(size_t n, Item item) {
  std::string text;
  size_t named = 0, i = 0;
  for (; i < n && named < csptrace::kNamedInText; ++i) {
    const std::string s = item(i);
    if (s.empty()) continue;
    text += (text.empty() ? "" : ", ") + s;
    ++named;
  }
  if (i < n) text += ", … " + std::to_string(n - i) + " more";
  return text;
}

}  // namespace

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
    const auto& guards = ps.wait.guards;
    out.waits_on += " [" +
                    first_of(guards.size(),
                             [&](size_t i) {
                               const csptrace::Guard& g = guards[i];
                               return g.chan == kNone ? std::string()
                                                      : std::string(csptrace::to_string(g.op)) +
                                                            " " + doc.channel_label(g.chan);
                             }) +
                    "]";
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
    return first_of(ws.size(), [&](size_t i) {
      const csptrace::Waiter& w = ws[i];
      std::string text = w.proc != kNone ? doc.process_label(w.proc) : std::string("?");
      const csptrace::Value& v = csptrace::waiter_value(s, w);
      if (with_value && v.kind != csptrace::Value::Kind::None) text += " (" + m.value_text(v) + ")";
      if (w.in_alt()) text += " in alt";
      return text;
    });
  };
  out.putters = list(cs.putters, true);
  out.takers = list(cs.takers, false);
  return out;
}

}  // namespace cspview
