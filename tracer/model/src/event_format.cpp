#include <csptrace/event_format.hpp>

#include <cstdio>
#include <type_traits>

namespace csptrace {

namespace {

// A name shared with another entry (TraceModelBuilder::finish marks it) gets "#id".
template <class Info>
std::string label(const TraceModel& m, const std::vector<Info>& all, uint32_t ix, uint32_t id) {
  if (ix >= all.size()) return "?";
  std::string name(m.str(all[ix].name));
  if (all[ix].shared_name) return name + "#" + std::to_string(id);
  return name.empty() ? "#" + std::to_string(id) : name;
}

}  // namespace

std::string process_label(const TraceModel& m, uint32_t ix) {
  return ix < m.processes().size() ? label(m, m.processes(), ix, m.processes()[ix].id) : "-";
}

std::string channel_label(const TraceModel& m, uint32_t ix) {
  return ix < m.channels().size() ? label(m, m.channels(), ix, m.channels()[ix].id) : "-";
}

std::string format_duration(int64_t ns) {
  char buf[64];
  double v = double(ns);
  int64_t a = ns < 0 ? -ns : ns;
  if (a < 1000)
    std::snprintf(buf, sizeof buf, "%lld ns", static_cast<long long>(ns));
  else if (a < 1000000)
    std::snprintf(buf, sizeof buf, "%.3f µs", v / 1e3);
  else if (a < 1000000000)
    std::snprintf(buf, sizeof buf, "%.3f ms", v / 1e6);
  else
    std::snprintf(buf, sizeof buf, "%.3f s", v / 1e9);
  return buf;
}

std::string format_event(const TraceModel& m, size_t i, EventFormat fmt) {
  const Event e = m.event(i);
  std::string out;
  char head[96];
  std::snprintf(head, sizeof head, "%6llu  ", static_cast<unsigned long long>(e.seq));
  out += head;
  if (fmt.time) {
    std::snprintf(head, sizeof head, "%14s  T%-2u  ", format_duration(e.t).c_str(), e.thread);
    out += head;
  }
  std::string kname(to_string(e.kind));
  kname.resize(std::max<size_t>(kname.size(), 11), ' ');
  out += kname;

  auto add = [&](std::string_view key, const std::string& v) {
    out += ' ';
    out += key;
    out += '=';
    out += v;
  };
  const FieldMask skip = f::seq | f::t | f::thread;
  // A template, so that only the branch matching the field's type is instantiated.
  auto emit = [&]<FieldMask F>(std::string_view key, const auto& v) {
    using T = std::decay_t<decltype(v)>;
    if constexpr (F & (f::proc | f::partner | f::from | f::to))
      add(key, process_label(m, m.process_index(static_cast<ProcId>(v))));
    else if constexpr (F == f::chan)
      add(key, channel_label(m, m.channel_index(static_cast<ChanId>(v))));
    else if constexpr (F & (f::name | f::message | f::label | f::loc))
      add(key, "\"" + std::string(m.str(static_cast<StrId>(v))) + "\"");
    else if constexpr (F == f::duration)
      add(key, format_duration(static_cast<int64_t>(v)));
    else if constexpr (std::is_same_v<T, Value>)
      add(key, m.value_text(v));
    else if constexpr (std::is_same_v<T, bool>)
      add(key, v ? "true" : "false");
    else if constexpr (std::is_enum_v<T>)
      add(key, std::string(to_string(v)));
    else
      add(key, std::to_string(v));
  };
#define CSPTRACE_FORMAT_FIELD(member, key, type, doc) \
  if ((e.present & f::member) && !(skip & f::member)) \
    emit.template operator()<f::member>(key, e.member);
  CSPTRACE_FIELDS(CSPTRACE_FORMAT_FIELD)
#undef CSPTRACE_FORMAT_FIELD
  return out;
}

}  // namespace csptrace
