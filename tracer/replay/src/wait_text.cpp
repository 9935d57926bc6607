#include <csptrace/wait_text.hpp>

#include <csptrace/event_format.hpp>

#include <algorithm>

namespace csptrace {

std::string op_text(const TraceModel& m, WaitOp op, uint32_t chan, const Value& value) {
  const std::string ch = "\"" + channel_label(m, chan) + "\"";
  if (op == WaitOp::Take) return "take from " + ch;
  if (op == WaitOp::Alts) return "an alt";
  const std::string v = m.value_text(value);
  return "put " + (v.empty() ? std::string() : v + " ") + "on " + ch;
}

std::string wait_text(const TraceModel& m, const Wait& w) {
  if (w.op != WaitOp::Alts) return op_text(m, w.op, w.chan, w.value);
  std::string out;
  const size_t named = std::min(w.guards.size(), kNamedInText);
  for (size_t i = 0; i < named; ++i)
    out += (i == 0                     ? ""
            : i + 1 == w.guards.size() ? " or "
                                       : ", ") +
           op_text(m, w.guards[i].op, w.guards[i].chan, w.guards[i].value);
  if (named < w.guards.size())
    out += " or any of " + std::to_string(w.guards.size() - named) + " more guards";
  return out.empty() ? "an alt" : out;
}

}  // namespace csptrace
