#include <csptrace/chrome_export.hpp>
#include <csptrace/event_format.hpp>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <type_traits>

namespace csptrace {

namespace {

using json = nlohmann::ordered_json;

constexpr int kProcPid = 1, kChanPid = 2;

double micros(int64_t ns) { return double(ns) / 1000.0; }

// Every present field of event i as args, with names instead of ids.
json event_args(const TraceModel& m, size_t i) {
  const Event e = m.event(i);
  json a = json::object();
  auto put = [&](const char* key, const auto& v, FieldMask bit) {
    using T = std::decay_t<decltype(v)>;
    if (!(e.present & bit) || bit == f::seq || bit == f::t) return;
    if (bit == f::proc)
      a[key] = process_label(m, m.proc_index(i));
    else if (bit == f::partner)
      a[key] = process_label(m, m.partner_index(i));
    else if (bit == f::from)
      a[key] = process_label(m, m.from_index(i));
    else if (bit == f::to)
      a[key] = process_label(m, m.to_index(i));
    else if (bit == f::chan)
      a[key] = channel_label(m, m.chan_index(i));
    else if constexpr (std::is_same_v<T, Value>)
      a[key] = m.value_text(v);
    else if constexpr (std::is_enum_v<T>)
      a[key] = std::string(to_string(v));
    else if constexpr (std::is_same_v<T, StrId>) {
      if (kTextFields & bit)
        a[key] = std::string(m.str(v));
      else
        a[key] = v;
    } else
      a[key] = v;
  };
#define CSPTRACE_CHROME_ARG(member, key, type, doc) put(key, e.member, f::member);
  CSPTRACE_FIELDS(CSPTRACE_CHROME_ARG)
#undef CSPTRACE_CHROME_ARG
  a["seq"] = e.seq;
  return a;
}

class ChromeWriter {
 public:
  ChromeWriter(const TraceModel& m, std::ostream& out) : m_(m), out_(out) {}

  void run() {
    out_ << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n";
    meta(kProcPid, 0, "process_name", "processes");
    meta(kChanPid, 0, "process_name", "channels");
    for (uint32_t p = 0; p < m_.processes().size(); ++p)
      meta(kProcPid, p + 1, "thread_name", process_label(m_, p));
    for (uint32_t c = 0; c < m_.channels().size(); ++c)
      meta(kChanPid, c + 1, "thread_name", channel_label(m_, c));
    wait_start_.assign(m_.processes().size(), kNone);
    last_alt_guards_.assign(m_.processes().size(), json::array());
    for (size_t i = 0; i < m_.size(); ++i) event(i);
    close_open_slices();
    out_ << "\n]}\n";
  }

 private:
  void emit(const json& j) {
    if (!first_) out_ << ",\n";
    first_ = false;
    out_ << j.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  void meta(int pid, uint32_t tid, const char* what, const std::string& name) {
    emit({{"ph", "M"}, {"pid", pid}, {"tid", tid}, {"name", what}, {"args", {{"name", name}}}});
  }
  void instant(int pid, uint32_t track, size_t i, const std::string& name) {
    emit({{"ph", "i"},
          {"s", "t"},
          {"pid", pid},
          {"tid", track + 1},
          {"ts", micros(m_.time(i))},
          {"name", name},
          {"args", event_args(m_, i)}});
  }
  void slice(uint32_t proc, size_t from, int64_t end_ns, const std::string& name, json args) {
    emit({{"ph", "X"},
          {"pid", kProcPid},
          {"tid", proc + 1},
          {"ts", micros(m_.time(from))},
          {"dur", micros(end_ns - m_.time(from))},
          {"name", name},
          {"args", std::move(args)}});
  }

  void event(size_t i) {
    const EventKind k = m_.kind(i);
    const uint32_t p = m_.proc_index(i), c = m_.chan_index(i);
    const std::string kname(to_string(k));
    switch (k) {
      case EventKind::Park:
      case EventKind::Block: wait_start_[p] = i; return;
      case EventKind::Resume:
      case EventKind::Unblock: end_wait(p, m_.time(i), &i); return;
      case EventKind::Exit: {
        end_wait(p, m_.time(i), nullptr);
        const auto& info = m_.processes()[p];
        slice(p, info.spawn_event, m_.time(i), process_label(m_, p), event_args(m_, i));
        return;
      }
      case EventKind::AltOffer: last_alt_guards_[p] = json::array(); break;
      case EventKind::AltGuard: last_alt_guards_[p].push_back(event_args(m_, i)); return;
      case EventKind::AltChoice: {
        json a = event_args(m_, i);
        a["guards"] = last_alt_guards_[p];
        emit({{"ph", "i"},
              {"s", "t"},
              {"pid", kProcPid},
              {"tid", p + 1},
              {"ts", micros(m_.time(i))},
              {"name", "alt_choice"},
              {"args", std::move(a)}});
        return;
      }
      case EventKind::Transfer: {
        instant(kChanPid, c, i, kname);
        if (m_.event(i).via == Via::Direct) {
          const double ts = micros(m_.time(i));
          emit({{"ph", "s"},
                {"pid", kProcPid},
                {"tid", m_.from_index(i) + 1},
                {"ts", ts},
                {"id", i},
                {"name", "rendezvous"},
                {"cat", "transfer"}});
          emit({{"ph", "f"},
                {"bp", "e"},
                {"pid", kProcPid},
                {"tid", m_.to_index(i) + 1},
                {"ts", ts},
                {"id", i},
                {"name", "rendezvous"},
                {"cat", "transfer"}});
        }
        return;
      }
      case EventKind::BufPut:
      case EventKind::BufTake:
      case EventKind::BufDrop:
        instant(kChanPid, c, i, kname);
        emit({{"ph", "C"},
              {"pid", kChanPid},
              {"tid", c + 1},
              {"ts", micros(m_.time(i))},
              {"name", "level " + channel_label(m_, c)},
              {"args", {{"level", m_.event(i).level}}}});
        return;
      default: break;
    }
    if (p != kNone)
      instant(kProcPid, p, i, kname);
    else if (c != kNone)
      instant(kChanPid, c, i, kname);
    else
      emit({{"ph", "i"},
            {"s", "g"},
            {"pid", kProcPid},
            {"tid", 0},
            {"ts", micros(m_.time(i))},
            {"name", kname},
            {"args", event_args(m_, i)}});
  }

  void end_wait(uint32_t p, int64_t end_ns, const size_t* resume) {
    size_t start = wait_start_[p];
    if (start == kNone) return;
    wait_start_[p] = kNone;
    json args = event_args(m_, start);
    if (m_.event(start).op == WaitOp::Alts) args["guards"] = last_alt_guards_[p];
    if (resume) args["woken_by"] = event_args(m_, *resume);
    const Event e = m_.event(start);
    std::string name = std::string(to_string(m_.kind(start))) + " " + std::string(to_string(e.op));
    if (m_.chan_index(start) != kNone) name += " " + channel_label(m_, m_.chan_index(start));
    slice(p, start, end_ns, name, std::move(args));
  }

  // Waits and lives still open when the trace ends run to its last event.
  void close_open_slices() {
    const int64_t end = m_.empty() ? 0 : m_.time(m_.size() - 1);
    for (uint32_t p = 0; p < m_.processes().size(); ++p) {
      end_wait(p, end, nullptr);
      const auto& info = m_.processes()[p];
      if (info.exit_event == kNone)
        slice(p, info.spawn_event, end, process_label(m_, p), {{"alive_at_end", true}});
    }
  }

  const TraceModel& m_;
  std::ostream& out_;
  bool first_ = true;
  std::vector<size_t> wait_start_;     // per process: event index of its open park / block
  std::vector<json> last_alt_guards_;  // per process: guards of its latest alt
};

}  // namespace

void write_chrome_trace(const TraceModel& m, std::ostream& out) { ChromeWriter(m, out).run(); }

void write_chrome_trace(const TraceModel& m, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  errno = 0;
  write_chrome_trace(m, out);
  out.close();
  if (out.fail())
    throw std::runtime_error("error writing " + path + ": " +
                             (errno != 0 ? std::strerror(errno) : "a write failed"));
}

}  // namespace csptrace
